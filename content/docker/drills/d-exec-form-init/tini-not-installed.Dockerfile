FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
