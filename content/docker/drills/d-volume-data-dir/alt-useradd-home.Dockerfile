FROM python:3.12-slim-bookworm
RUN groupadd --gid 10001 notes \
 && useradd --uid 10001 --gid notes --home-dir /var/lib/notes --create-home --shell /usr/sbin/nologin notes
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
ENTRYPOINT ["python", "-m", "notes"]
