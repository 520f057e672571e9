FROM python:3.12-slim-bookworm
ENV PYTHONUNBUFFERED=1
WORKDIR /srv/inventory
COPY requirements.txt .
RUN python -m pip install --no-cache-dir -r requirements.txt
COPY inventory/ ./inventory/
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/python3", "-m", "inventory"]
CMD ["serve", "--port=8080"]
