FROM python:3.12-slim-bookworm
WORKDIR /opt/legacy
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p /var/log/legacy && chown 10001:10001 /var/log/legacy
VOLUME /var/log/legacy
USER 10001:10001
CMD ["python", "legacy_server.py"]
