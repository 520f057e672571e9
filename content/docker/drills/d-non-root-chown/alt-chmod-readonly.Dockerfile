# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm as deps
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=deps /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY --chmod=0755 . .
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
