# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm AS build
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements.txt /tmp/
RUN --mount=type=secret,id=netrc,target=/root/.netrc \
    pip install --no-cache-dir --index-url https://pypi.example.com/simple -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
