# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt /tmp/requirements.txt
RUN --mount=type=cache,id=pip,target=/root/.cache/pip,ro \
    pip install -r /tmp/requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
