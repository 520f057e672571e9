# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    --mount=type=bind,source=.npmrc,target=/app/.npmrc \
    npm ci --omit=dev

FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json server.js ./
USER node
CMD ["node", "server.js"]
