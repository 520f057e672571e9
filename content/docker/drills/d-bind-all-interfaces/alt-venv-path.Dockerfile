FROM python:3.12-slim-bookworm AS build
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --prefix=/install -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /install /usr/local
WORKDIR /app
COPY . .
USER 10001:10001
EXPOSE 8080
CMD ["/usr/local/bin/gunicorn", "--bind", "0.0.0.0:8080", "notes.wsgi:app"]
