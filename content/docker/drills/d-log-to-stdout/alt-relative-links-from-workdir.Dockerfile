FROM python:3.12-slim-bookworm
WORKDIR /opt/legacy
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
WORKDIR /var/log/legacy
RUN ln -sf /dev/stdout access.log && ln -sf /dev/stderr error.log
WORKDIR /opt/legacy
ENV PYTHONUNBUFFERED=1
USER 10001:10001
CMD ["python", "legacy_server.py"]
