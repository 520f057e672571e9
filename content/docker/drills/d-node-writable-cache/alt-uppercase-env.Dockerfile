FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production
ENV NPM_CONFIG_CACHE=/tmp/npm-cache
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY worker.js ./
COPY lib ./lib
RUN mkdir /app/uploads && chown node:node /app/uploads
USER 1000:1000
CMD ["node", "worker.js"]
