# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=npm_token \
    echo "//npm.pkg.example.com/:_authToken=$(cat /run/secrets/npm_token)" > .npmrc \
 && npm ci --omit=dev
COPY . .
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
