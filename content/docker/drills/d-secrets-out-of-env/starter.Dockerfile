FROM python:3.12-slim-bookworm
ARG GITHUB_TOKEN
ENV DATABASE_URL=postgres://billing:s3cretPassw0rd@db.internal:5432/billing \
    STRIPE_API_KEY=sk_live_EXAMPLEonlyNotARealKey0000
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY .env ./
COPY billing ./billing
USER 10001:10001
CMD ["python", "-m", "billing"]
