FROM python:3.12-slim-bookworm
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /opt/legacy
COPY requirements.txt ./
RUN python -m pip install --no-cache-dir -r requirements.txt
COPY legacy_server.py ./
WORKDIR /var/log/legacy
RUN ln -sf /dev/stdout access.log && ln -sf /dev/stderr error.log
WORKDIR /opt/legacy
USER 10001:10001
ENTRYPOINT ["python", "legacy_server.py"]
