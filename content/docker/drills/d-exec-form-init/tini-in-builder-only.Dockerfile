FROM node:22.12.0-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini=0.19.0-1 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
