# syntax=docker/dockerfile:1
FROM python:3.11-slim-bookworm AS build
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt
COPY ledger /deps/ledger

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps
CMD ["-m", "ledger"]
