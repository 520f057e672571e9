FROM registry.example.com/mirror/library/python:3.12-slim-bookworm@sha256:7d3c5a0e9b1f2c4d6e8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e AS build
ARG PYTHON_IMAGE=registry.example.com/mirror/library/python:3.12-slim-bookworm@sha256:7d3c5a0e9b1f2c4d6e8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE}
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "scheduler"]
