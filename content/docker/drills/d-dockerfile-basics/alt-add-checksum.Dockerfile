# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
ARG AGENT_VERSION=2.4.1
# The checksum below stands for the one the vendor publishes beside the tarball.
ADD --checksum=sha256:9f2c4d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e \
    https://downloads.example.com/agent-${AGENT_VERSION}-linux.tar.gz /tmp/agent.tar.gz
WORKDIR /opt
RUN tar -xzf /tmp/agent.tar.gz && rm /tmp/agent.tar.gz
COPY config/ /etc/agent/
USER 10001:10001
CMD ["/opt/agent/bin/agent", "--config", "/etc/agent/config.yaml"]
