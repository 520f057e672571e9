# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=bind,source=.npmrc,target=.npmrc \
    --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev
COPY server.js ./
COPY lib ./lib
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
