FROM python:3.12-slim-bookworm
ARG APP_UID=10001
ARG APP_GID=10001
RUN groupadd -r -g"${APP_GID}" shop \
 && useradd -r -u"${APP_UID}" -g shop -M -s /usr/sbin/nologin shop
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY manage.py ./
COPY shop/ ./shop/
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
