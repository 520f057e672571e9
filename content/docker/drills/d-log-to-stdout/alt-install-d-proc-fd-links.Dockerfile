FROM python:3.12-slim-bookworm
WORKDIR /opt/legacy
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN install -d /var/log/legacy && ln -s /proc/self/fd/1 /var/log/legacy/access.log && ln -s /proc/self/fd/2 /var/log/legacy/error.log
ENV PYTHONUNBUFFERED=1
USER 10001:10001
CMD ["python", "legacy_server.py"]
