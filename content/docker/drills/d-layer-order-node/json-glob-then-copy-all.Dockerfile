FROM node:22.12.0-bookworm-slim
WORKDIR /app
COPY *.json ./
COPY . .
RUN npm ci --omit=dev
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
