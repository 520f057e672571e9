FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \
 && rm -rf /var/lib/apt/lists/*
COPY config /etc/agent
ARG AGENT_VERSION=2.4.1
WORKDIR /opt
RUN curl -fsSL -o /tmp/agent.tar.gz "https://downloads.example.com/agent-${AGENT_VERSION}-linux.tar.gz" \
 && tar -xzf /tmp/agent.tar.gz \
 && rm /tmp/agent.tar.gz
USER 10001:10001
CMD ["/opt/agent/bin/agent", "--config", "/etc/agent/config.yaml"]
