FROM python:3.12-slim-bookworm AS dirs
RUN mkdir -p /out/var/lib/notes

FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY notes ./notes
COPY --from=dirs --chown=10001:10001 /out/var/lib/notes /var/lib/notes
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
CMD ["python", "-m", "notes"]
