# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

# The digest stands for the one `docker buildx imagetools inspect` shows for the :nonroot tag you tested.
FROM gcr.io/distroless/nodejs22-debian12@sha256:3b6e1bb4bbd7b8f3c0d6e1f0b3f2a6d7c8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "dist/server.js"]
