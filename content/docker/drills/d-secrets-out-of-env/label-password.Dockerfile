FROM python:3.12-slim-bookworm
LABEL org.opencontainers.image.title="billing" \
      com.example.billing.db_password="Tr0ub4dor-and-3"
ENV DATABASE_URL_FILE=/run/secrets/database_url \
    STRIPE_API_KEY_FILE=/run/secrets/stripe_api_key
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY billing/ ./billing/
USER 10001:10001
CMD ["python", "-m", "billing"]
