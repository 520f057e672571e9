FROM python:3.12-slim-bookworm AS base
RUN mkdir -p /var/lib/notes && chown 10001:10001 /var/lib/notes
VOLUME /var/lib/notes

FROM base
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
CMD ["python", "-m", "notes"]
