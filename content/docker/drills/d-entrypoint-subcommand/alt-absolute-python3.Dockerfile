FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/python3", "-m", "inventory"]
CMD ["serve", "--port", "8080"]
