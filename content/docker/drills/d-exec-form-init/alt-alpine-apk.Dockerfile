FROM node:22.12.0-alpine3.20
RUN apk add --no-cache tini=0.19.0-r3
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER 1000:1000
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "server.js"]
