# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm as build
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY . .
USER 10001:10001
ENTRYPOINT ["python", "-m", "inventory"]
CMD ["serve", "--port", "8080"]
