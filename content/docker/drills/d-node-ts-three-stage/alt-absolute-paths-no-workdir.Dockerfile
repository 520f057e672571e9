FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY tsconfig.json ./
COPY src/ ./src/
RUN npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian12:nonroot
COPY --from=build /build/node_modules /opt/api/node_modules
COPY --from=build /build/dist /opt/api/dist
USER nonroot
CMD ["/opt/api/dist/server.js"]
