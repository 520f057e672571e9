FROM python:3.12-slim-bookworm
RUN mkdir -p /var/lib/notes && chown 10001:10001 /var/lib/notes
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt
USER 10001:10001
WORKDIR /app
COPY . .
ENV NOTES_DB=/var/lib/notes/notes.db
CMD ["python", "-m", "notes"]
