# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    python -m pip install -r /tmp/requirements.txt
COPY reports ./reports
USER 10001:10001
CMD ["python", "-m", "reports"]
