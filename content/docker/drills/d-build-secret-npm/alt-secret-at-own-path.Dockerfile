# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token,dst=/run/keys/registry \
    --mount=type=bind,src=.npmrc,dst=/root/.npmrc \
    set -e; NPM_TOKEN=$(cat /run/keys/registry); export NPM_TOKEN; npm ci --omit=dev
COPY . .
USER 1000:1000
CMD ["node", "server.js"]
