FROM debian:bookworm-slim
RUN apt-get -q update \
 && apt-get --no-install-recommends install ca-certificates=20230311* curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
COPY --chmod=0755 fetch-rates.sh /usr/local/bin/fetch-rates
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/fetch-rates"]
