# syntax=docker/dockerfile:1
FROM node:22.12.0-alpine3.20
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
COPY <<'EOF' /app/healthcheck.js
fetch('http://127.0.0.1:3000/ready')
  .then((res) => process.exit(res.ok ? 0 : 1))
  .catch(() => process.exit(1));
EOF
HEALTHCHECK --start-period=20s --interval=10s CMD ["node", "/app/healthcheck.js"]
CMD ["node", "server.js"]
