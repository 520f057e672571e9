# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

FROM build AS runtime
ENV NODE_ENV=production
USER 1000:1000
EXPOSE 8080
CMD ["node", "dist/server.js"]
