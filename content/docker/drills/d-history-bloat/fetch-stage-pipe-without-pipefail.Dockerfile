FROM debian:bookworm-slim AS fetch
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /opt/tilemaker && curl -fsSL https://downloads.example.com/tilemaker-4.2-linux-amd64.tar.gz | tar -xz -C /opt/tilemaker

FROM debian:bookworm-slim
COPY --from=fetch /opt/tilemaker /opt/tilemaker
COPY render.sh /usr/local/bin/render
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/render"]
