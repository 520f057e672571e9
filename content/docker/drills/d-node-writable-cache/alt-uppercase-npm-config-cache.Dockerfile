FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN install -d -o 1000 -g 1000 -m 0750 /app/uploads
ENV NPM_CONFIG_CACHE=/tmp/npm-cache
USER 1000:1000
CMD ["node", "worker.js"]
