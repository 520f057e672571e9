# syntax=docker/dockerfile:1
FROM python:3.11-slim-bookworm AS build
COPY requirements.txt .
RUN pip install --no-cache-dir --user -r requirements.txt

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /root/.local /opt/pydeps
ENV PYTHONPATH=/opt/pydeps/lib/python3.11/site-packages
WORKDIR /app
COPY ledger/ ledger/
USER 65532:65532
CMD ["-m", "ledger"]
