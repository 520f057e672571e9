# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
WORKDIR /app
RUN --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=package-lock.json,target=package-lock.json \
    --mount=type=bind,source=.npmrc,target=/root/.npmrc \
    --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev
COPY . .
USER 1000:1000
CMD ["node", "server.js"]
