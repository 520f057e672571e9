FROM python:3.12-slim-bookworm AS build
RUN mkdir -p /var/log/legacy \
 && ln -sf /dev/stdout /var/log/legacy/access.log \
 && ln -sf /dev/stderr /var/log/legacy/error.log
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /opt/legacy
COPY . .
ENV PYTHONUNBUFFERED=1
USER 10001:10001
CMD ["python", "legacy_server.py"]
