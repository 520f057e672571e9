FROM python:3.12-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --start-period=20s --interval=15s CMD ["curl", "--fail", "--silent", "--max-time", "2", "http://localhost:8000/healthz"]
CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]
