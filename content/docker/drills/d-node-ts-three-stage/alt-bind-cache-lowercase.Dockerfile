# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim as deps
WORKDIR /app
RUN --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=package-lock.json,target=package-lock.json \
    --mount=type=cache,target=/root/.npm \
    npm ci

from deps as build
COPY . .
RUN npm run build \
 && npm prune --production

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build /app/package.json ./
USER 65532
CMD ["/app/dist/server.js"]
