# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN --mount=type=secret,id=pypi_password \
    export PIP_INDEX_URL="https://ci:$(cat /run/secrets/pypi_password)@pypi.example.com/simple" \
 && pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
