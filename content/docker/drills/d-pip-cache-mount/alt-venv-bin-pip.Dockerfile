# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm as build
ENV XDG_CACHE_HOME=/cache
RUN python -m venv /venv
COPY requirements.txt .
RUN --mount=type=cache,target=/cache/pip,sharing=locked \
    /venv/bin/pip install -r requirements.txt

FROM python:3.12-slim-bookworm
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "reports"]
