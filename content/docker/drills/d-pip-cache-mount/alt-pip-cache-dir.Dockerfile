# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
ENV PIP_CACHE_DIR=/var/cache/pip
WORKDIR /app
COPY requirements.txt ./
RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
