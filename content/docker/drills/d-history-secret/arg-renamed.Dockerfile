FROM python:3.12-slim-bookworm
ARG INDEX_AUTH
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir \
      --index-url "https://ci:${INDEX_AUTH}@pypi.example.com/simple" \
      -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
