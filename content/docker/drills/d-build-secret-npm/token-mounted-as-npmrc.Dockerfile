# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token,target=/app/.npmrc,required=true \
    npm ci --omit=dev
COPY . .
USER 1000:1000
CMD ["node", "server.js"]
