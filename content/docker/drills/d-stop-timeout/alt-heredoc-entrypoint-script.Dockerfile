# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
EXPOSE 8000
COPY --chmod=0755 <<'EOF' /usr/local/bin/entrypoint
#!/bin/sh
set -e
python -m api.migrate
exec "$@"
EOF
ENTRYPOINT ["entrypoint"]
CMD ["python", "-m", "api"]
