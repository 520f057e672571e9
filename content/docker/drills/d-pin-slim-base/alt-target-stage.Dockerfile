# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm as deps
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY --from=deps /deps /deps
ENV PYTHONPATH=/deps
COPY invoices ./invoices
USER 10001:10001
CMD ["python3", "-m", "invoices"]
