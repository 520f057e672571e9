FROM python:3.12-slim-bookworm
ENV PIP_INDEX_URL=https://ci:Zx81-pw-2026@pypi.example.com/simple
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
