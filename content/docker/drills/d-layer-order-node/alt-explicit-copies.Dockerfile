FROM node:22.12.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY server.js ./
COPY src/ ./src/
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
