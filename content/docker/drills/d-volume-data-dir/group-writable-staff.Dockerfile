FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY notes ./notes
RUN install -d -m 2770 -o 10001 -g 50 /var/lib/notes
ENV NOTES_DB=/var/lib/notes/notes.db
USER 10001:10001
CMD ["python", "-m", "notes"]
