FROM python:3.12-slim-bookworm AS deps
RUN useradd --uid 10001 --no-create-home app
USER 10001:10001
RUN python -m venv /tmp/venv

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=10001:10001 . .
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
