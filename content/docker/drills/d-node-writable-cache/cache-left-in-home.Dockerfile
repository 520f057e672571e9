FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN mkdir -p /app/uploads && chown 1000:1000 /app/uploads
USER 1000:1000
CMD ["node", "worker.js"]
