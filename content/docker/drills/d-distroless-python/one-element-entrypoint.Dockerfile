# syntax=docker/dockerfile:1
FROM python:3.11-slim-bookworm AS build
WORKDIR /app
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY ledger ./ledger

FROM gcr.io/distroless/python3-debian12:nonroot
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app/ledger ./ledger
ENV PYTHONPATH=/venv/lib/python3.11/site-packages
USER 65532:65532
ENTRYPOINT ["python3 -m ledger"]
