# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    pip install --no-cache-dir -r /tmp/requirements.txt
COPY billing billing
ENV DATABASE_URL_FILE="/run/secrets/database_url" STRIPE_API_KEY_FILE="/run/secrets/stripe_api_key"
USER 10001:10001
ENTRYPOINT ["python", "-m", "billing"]
