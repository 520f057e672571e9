FROM python:3.12-slim-bookworm AS deps
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=deps /deps /deps
ENV PYTHONPATH=/deps
RUN install -d -m 0750 -o 10001 -g 10001 /var/lib/notes
WORKDIR /app
COPY notes ./notes
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
CMD ["python", "-m", "notes"]
