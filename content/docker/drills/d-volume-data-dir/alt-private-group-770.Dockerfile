FROM python:3.12-slim-bookworm
RUN groupadd --gid 10001 notes && useradd --uid 10001 --gid notes --no-create-home notes
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p -m 770 /var/lib/notes && chown notes:notes /var/lib/notes
USER 10001:10001
CMD ["python", "-m", "notes"]
