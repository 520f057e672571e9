# syntax=docker/dockerfile:1
FROM debian:bookworm-slim AS fetch
ADD --checksum=sha256:5d1e6b0c9a8f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d https://downloads.example.com/tilemaker-4.2-linux-amd64.tar.gz /tilemaker.tar.gz

FROM debian:bookworm-slim
RUN --mount=type=bind,from=fetch,source=/tilemaker.tar.gz,target=/tmp/tilemaker.tar.gz \
    mkdir -p /opt/tilemaker && tar -xzf /tmp/tilemaker.tar.gz -C /opt/tilemaker
COPY render.sh /usr/local/bin/render
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/render"]
