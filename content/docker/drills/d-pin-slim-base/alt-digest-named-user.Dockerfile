FROM python:3.12-slim-bookworm@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8
RUN useradd --system --uid 10001 --no-create-home invoices
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER invoices
ENTRYPOINT ["python", "-m", "invoices"]
