FROM python:3.12-slim-bookworm AS build
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "scheduler"]
