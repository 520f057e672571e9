# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN --mount=type=secret,id=pip_index_url,required=true \
    pip install --no-cache-dir --index-url "$(cat /run/secrets/pip_index_url)" -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
