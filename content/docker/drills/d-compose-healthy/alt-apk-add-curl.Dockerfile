FROM node:22.12.0-alpine3.20
RUN apk add --no-cache curl~8
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK --start-period=20s CMD ["curl", "-fsS", "http://127.0.0.1:3000/ready"]
CMD ["node", "server.js"]
