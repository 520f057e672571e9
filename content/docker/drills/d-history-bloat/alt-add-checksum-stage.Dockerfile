# syntax=docker/dockerfile:1
FROM debian:bookworm-slim AS fetch
# The checksum stands for the one published beside the release.
ADD --checksum=sha256:5d1e6b0c9a8f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d \
    https://downloads.example.com/tilemaker-4.2-linux-amd64.tar.gz /tmp/tilemaker.tar.gz
RUN mkdir -p /opt/tilemaker && tar -xzf /tmp/tilemaker.tar.gz -C /opt/tilemaker

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
COPY --from=fetch /opt/tilemaker /opt/tilemaker
COPY render.sh /usr/local/bin/render
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/render"]
