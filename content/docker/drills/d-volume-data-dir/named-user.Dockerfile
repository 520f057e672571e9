FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --uid 10001 --user-group notes && mkdir -p /var/lib/notes && chown notes:notes /var/lib/notes
ENV NOTES_DB=/var/lib/notes/notes.db
USER notes
CMD ["python", "-m", "notes"]
