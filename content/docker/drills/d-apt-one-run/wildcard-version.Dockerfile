FROM debian:bookworm-slim
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends curl='*' ca-certificates=20230311*; \
    rm -rf /var/lib/apt/lists/*
COPY fetch-rates.sh /usr/local/bin/fetch-rates
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/fetch-rates"]
