FROM node:22.12.0-bookworm-slim as deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production npm_config_cache=/tmp/.npm
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN mkdir -p uploads && chown 1000:1000 uploads && chmod 0700 uploads
USER 1000:1000
CMD ["node", "worker.js"]
