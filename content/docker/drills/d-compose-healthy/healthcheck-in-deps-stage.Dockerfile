FROM node:22.12.0-alpine3.20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:3000/ready"]

FROM node:22.12.0-alpine3.20
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
