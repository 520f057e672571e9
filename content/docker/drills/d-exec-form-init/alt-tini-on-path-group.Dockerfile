FROM node:22.12.0-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini=0.19.0-1 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER 1000:1000
ENTRYPOINT ["tini", "-g", "--"]
CMD ["node", "server.js"]
