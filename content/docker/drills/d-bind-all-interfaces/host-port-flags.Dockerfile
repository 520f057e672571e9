FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
EXPOSE 8080
CMD ["gunicorn", "--host", "0.0.0.0", "--port", "8080", "notes.wsgi:app"]
