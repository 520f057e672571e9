ARG BASE=registry.example.com/mirror/library/python:3.12-slim-bookworm@sha256:0b5e2f4c6a8d0e2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f
FROM ${BASE} AS build
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM ${BASE}
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "scheduler"]
