FROM python:3-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY invoices ./invoices
USER 65534:65534
CMD ["python", "-m", "invoices"]
