# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
ENV NPM_TOKEN=npm_EXAMPLEonlyNotARealToken00000000000
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=bind,source=.npmrc,target=/root/.npmrc \
    npm ci --omit=dev
COPY . .
USER 1000:1000
CMD ["node", "server.js"]
