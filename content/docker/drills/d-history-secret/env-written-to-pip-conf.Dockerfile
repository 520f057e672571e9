# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN --mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL \
    printf '[global]\nindex-url = %s\n' "$PIP_INDEX_URL" > /etc/pip.conf \
 && pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
