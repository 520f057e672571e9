FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production \
    npm_config_cache=/tmp/.npm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN mkdir -p /app/uploads && chown node:node /app/uploads
USER node
CMD ["node", "worker.js"]
