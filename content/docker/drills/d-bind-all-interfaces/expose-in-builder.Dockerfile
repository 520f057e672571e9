FROM python:3.12-slim-bookworm AS build
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8080

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["gunicorn", "--bind", "0.0.0.0:8080", "notes.wsgi:app"]
