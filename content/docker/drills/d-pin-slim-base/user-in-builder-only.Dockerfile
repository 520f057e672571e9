FROM python:3.12-slim-bookworm AS deps
RUN useradd --uid 10001 invoices
USER 10001:10001
RUN python -m venv /home/invoices/venv \
 && /home/invoices/venv/bin/pip --version

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "-m", "invoices"]
