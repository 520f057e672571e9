FROM python:3.12-slim-bookworm
WORKDIR /opt/legacy
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p /var/log/legacy && ln -sf /dev/stdout /var/log/legacy/access.log && ln -sf /dev/stderr /var/log/legacy/error.log
VOLUME ["/var/log/legacy"]
ENV PYTHONUNBUFFERED=1
USER 10001:10001
CMD ["python", "legacy_server.py"]
