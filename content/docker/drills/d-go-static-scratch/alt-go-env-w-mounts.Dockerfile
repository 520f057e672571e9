# syntax=docker/dockerfile:1
FROM golang:1.24-alpine3.20 AS build
RUN go env -w CGO_ENABLED=0
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags="-s -w" -o /api ./cmd/api

FROM scratch
COPY --from=build /api /api
USER 65532:65532
ENTRYPOINT ["/api"]
