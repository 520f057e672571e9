FROM python:3.12-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY . .
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s CMD ["curl", "-fsS", "http://127.0.0.1:8000/healthz"]
CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]
