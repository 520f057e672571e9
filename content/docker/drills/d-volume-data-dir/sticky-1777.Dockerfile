FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p /var/lib/notes && chown 10001:10001 /var/lib/notes && chmod 1777 /var/lib/notes
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
CMD ["python", "-m", "notes"]
