# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /srv/reports
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --requirement requirements.txt
COPY requirements.txt reports/ ./
USER 10001:10001
CMD ["python", "-m", "reports"]
