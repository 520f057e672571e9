FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get -qq update \
 && apt-get -y --no-install-recommends install curl=7.88.1-10+deb12u* ca-certificates=20230311* \
 && rm -rf /var/lib/apt/lists/*
COPY fetch-rates.sh /usr/local/bin/fetch-rates
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/fetch-rates"]
