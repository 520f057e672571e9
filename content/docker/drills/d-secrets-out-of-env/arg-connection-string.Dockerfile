FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY billing ./billing
ARG DATABASE_URL
RUN python -m billing.migrate --database "$DATABASE_URL"
ENV DATABASE_URL_FILE=/run/secrets/database_url \
    STRIPE_API_KEY_FILE=/run/secrets/stripe_api_key
USER 10001:10001
CMD ["python", "-m", "billing"]
