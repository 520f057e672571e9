# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm AS build
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements.txt /tmp/
RUN --mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL \
    pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
