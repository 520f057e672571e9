FROM python:3.12-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends dumb-init=1.2.5-2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["dumb-init", "--", "/app/docker-entrypoint.sh"]
CMD ["python", "-m", "api"]
