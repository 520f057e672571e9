# syntax=docker/dockerfile:1
FROM python:3.11-slim-bookworm as build
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /deps /deps
COPY ledger /app/ledger
ENV PYTHONPATH=/deps
WORKDIR /app
ENTRYPOINT ["python3", "-m", "ledger"]
