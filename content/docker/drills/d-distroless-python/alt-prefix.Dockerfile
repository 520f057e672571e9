# syntax=docker/dockerfile:1
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY requirements.txt ./
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --prefix=/install -r requirements.txt
COPY ledger ./ledger

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /install /install
COPY --from=build /src/ledger /app/ledger
ENV PYTHONPATH=/install/lib/python3.11/site-packages PYTHONUNBUFFERED=1
WORKDIR /app
USER nonroot
ENTRYPOINT ["/usr/bin/python3", "-m", "ledger"]
