FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y curl ca-certificates
COPY fetch-rates.sh /usr/local/bin/fetch-rates
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/fetch-rates"]
