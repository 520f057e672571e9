FROM debian:bookworm-slim AS fetch
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL -o /tmp/tilemaker.tar.gz https://downloads.example.com/tilemaker-4.2-linux-amd64.tar.gz \
 && mkdir -p /opt/tilemaker \
 && tar -xzf /tmp/tilemaker.tar.gz -C /opt/tilemaker

FROM debian:bookworm-slim
COPY --from=fetch / /
COPY render.sh /usr/local/bin/render
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/render"]
