# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=bind,source=.npmrc,target=/root/.npmrc \
    --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    npm ci --omit=dev

FROM node:22.12.0-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps --chown=1000:1000 /app/node_modules ./node_modules
COPY --chown=1000:1000 . .
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
