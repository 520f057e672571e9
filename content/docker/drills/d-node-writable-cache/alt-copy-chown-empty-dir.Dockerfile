# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim AS empty
RUN mkdir -p /out/uploads

FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
COPY --from=empty --chown=1000:1000 /out/uploads /app/uploads
ENV npm_config_cache=/tmp/.npm
USER 1000:1000
CMD ["node", "worker.js"]
