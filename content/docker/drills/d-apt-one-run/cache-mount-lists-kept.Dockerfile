# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u*
COPY fetch-rates.sh /usr/local/bin/fetch-rates
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/fetch-rates"]
