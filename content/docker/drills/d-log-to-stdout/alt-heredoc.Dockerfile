# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /opt/legacy
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN <<EOT
set -e
install -d -m 0755 /var/log/legacy
ln -s /dev/stdout /var/log/legacy/access.log
ln -s /dev/stderr /var/log/legacy/error.log
EOT
ENV PYTHONUNBUFFERED=1
USER 10001:10001
CMD ["python", "legacy_server.py"]
