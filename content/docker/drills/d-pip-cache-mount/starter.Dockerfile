FROM python:3.12-slim-bookworm
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
USER 10001:10001
CMD ["python", "-m", "reports"]
