FROM python:3.12-slim-bookworm AS deps
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-bookworm
COPY --from=deps /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "invoices"]
