# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package*.json ./
RUN --mount=type=bind,source=.npmrc,target=/root/.npmrc \
    --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /app
COPY --from=deps /app ./
USER 65532:65532
EXPOSE 3000
CMD ["server.js"]
