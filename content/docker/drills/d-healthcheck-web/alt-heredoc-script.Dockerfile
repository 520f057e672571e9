# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
EXPOSE 8000
COPY <<'EOF' /usr/local/bin/healthcheck.py
import sys, urllib.request
try:
    urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)
except Exception:
    sys.exit(1)
EOF
HEALTHCHECK --start-period=15s CMD ["python", "/usr/local/bin/healthcheck.py"]
CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]
