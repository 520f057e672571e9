FROM python:3.12-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir /var/lib/notes && chown 10001 /var/lib/notes && chgrp 0 /var/lib/notes && chmod g+rwx /var/lib/notes
USER 10001:10001
CMD ["python", "-m", "notes"]
