FROM python:3.12-slim-bookworm as deps
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=deps /venv /venv
ENV PATH=/venv/bin:$PATH \
    DATABASE_URL_FILE=/run/secrets/database_url \
    STRIPE_API_KEY_FILE=/run/secrets/stripe_api_key
WORKDIR /app
COPY billing/ ./billing/
USER 10001:10001
CMD ["python", "-m", "billing"]
