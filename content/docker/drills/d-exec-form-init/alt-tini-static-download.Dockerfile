# syntax=docker/dockerfile:1
FROM node:22.12.0-bookworm-slim
# The checksum below stands for the one published beside the release; copy it from there.
ADD --chmod=0755 --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64 /usr/local/bin/tini
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER 1000:1000
ENTRYPOINT ["/usr/local/bin/tini", "--"]
CMD ["node", "server.js"]
