FROM python:3.12-alpine3.20
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --start-period=10s --timeout=3s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/healthz"]
CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]
