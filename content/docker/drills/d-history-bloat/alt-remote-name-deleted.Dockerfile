FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /tmp
RUN curl -fsSLO https://downloads.example.com/tilemaker-4.2-linux-amd64.tar.gz \
 && mkdir -p /opt/tilemaker \
 && tar -xzf tilemaker-4.2-linux-amd64.tar.gz -C /opt/tilemaker --strip-components=1 \
 && rm tilemaker-4.2-linux-amd64.tar.gz
WORKDIR /
COPY render.sh /usr/local/bin/render
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/render"]
