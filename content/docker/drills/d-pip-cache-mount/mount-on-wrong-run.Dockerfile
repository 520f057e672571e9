# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pip pip install --upgrade pip==24.3.1
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
