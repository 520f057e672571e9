# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
ENV PIP_CACHE_DIR=/var/cache/pip
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
