# syntax=docker/dockerfile:1
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -o /out/api ./cmd/api

FROM cgr.dev/chainguard/static:latest
COPY --from=build /out/api /api
USER 65532
ENTRYPOINT ["/api"]
