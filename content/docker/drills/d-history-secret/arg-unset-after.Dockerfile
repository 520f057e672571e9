FROM python:3.12-slim-bookworm
ARG PYPI_PASSWORD
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir \
      --index-url "https://ci:${PYPI_PASSWORD}@pypi.example.com/simple" \
      -r requirements.txt \
 && unset PYPI_PASSWORD
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
