FROM node:22.12.0-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u* tini=0.19.0-1 \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --start-period=20s CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:3000/ready"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
