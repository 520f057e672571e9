FROM node:22.12.0-bookworm-slim AS deps
ENV NODE_ENV=production
WORKDIR /srv/api
COPY package*.json ./
RUN npm ci --include=dev

FROM deps AS build
COPY . .
RUN npm run build
RUN npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime
ENV NODE_ENV=production
WORKDIR /srv/api
COPY --from=build /srv/api/package.json ./
COPY --from=build /srv/api/node_modules/ ./node_modules/
COPY --from=build /srv/api/dist/ ./dist/
CMD ["/srv/api/dist/server.js"]
