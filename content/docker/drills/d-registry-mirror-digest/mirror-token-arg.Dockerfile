ARG MIRROR=registry.example.com/mirror/library
ARG MIRROR_TOKEN
FROM ${MIRROR}/python:3.12-slim-bookworm@sha256:7d3c5a0e9b1f2c4d6e8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e
ARG MIRROR_TOKEN
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --index-url "https://ci:${MIRROR_TOKEN}@registry.example.com/pypi/simple" -r requirements.txt
COPY scheduler ./scheduler
USER 10001:10001
CMD ["python", "-m", "scheduler"]
