FROM python:3.12-slim-bookworm
ENV DATABASE_URL_FILE=/run/secrets/database_url
ENV STRIPE_API_KEY_FILE=/run/secrets/stripe_api_key
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY billing/ ./billing/
COPY .env.local settings.env
USER 10001:10001
CMD ["python", "-m", "billing"]
