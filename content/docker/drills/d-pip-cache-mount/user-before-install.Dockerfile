# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
RUN useradd --uid 10001 --create-home reports
USER 10001:10001
WORKDIR /home/reports/app
COPY requirements.txt ./
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --user -r requirements.txt
COPY . .
CMD ["python", "-m", "reports"]
