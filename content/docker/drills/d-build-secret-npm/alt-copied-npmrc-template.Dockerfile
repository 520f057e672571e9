# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev
COPY server.js ./
USER 1000:1000
ENTRYPOINT ["node"]
CMD ["server.js"]
