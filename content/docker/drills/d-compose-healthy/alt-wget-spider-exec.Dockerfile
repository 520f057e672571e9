FROM node:22.12.0-alpine3.20
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK --start-period=15s CMD ["wget", "--spider", "-q", "http://127.0.0.1:3000/ready"]
CMD ["node", "server.js"]
