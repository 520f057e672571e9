FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY worker.js ./
COPY lib ./lib
RUN mkdir uploads && chown node:node uploads
ENV npm_config_cache=/tmp/.npm
USER 1000:1000
CMD ["node", "worker.js"]
