FROM python:3.12-slim-bookworm AS deps
RUN mkdir -p /var/lib/notes && chown 10001:10001 /var/lib/notes
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=deps /deps /deps
ENV PYTHONPATH=/deps
WORKDIR /app
COPY . .
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
CMD ["python", "-m", "notes"]
