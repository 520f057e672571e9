# syntax=docker/dockerfile:1
FROM python:3.11-slim-bookworm AS build
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /venv /venv
ENV PYTHONPATH=/venv/lib/python3.12/site-packages
WORKDIR /app
COPY ledger ./ledger
CMD ["-m", "ledger"]
