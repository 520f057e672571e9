# syntax=docker/dockerfile:1
FROM golang:1.24-bookworm AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download
ARG GIT_SHA
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,target=. \
    CGO_ENABLED=0 go build -ldflags="-X main.version=${GIT_SHA}" -o /out/ingest ./cmd/ingest

FROM scratch
ARG GIT_SHA BUILD_DATE
LABEL org.opencontainers.image.source="https://git.example.com/data/ingest" org.opencontainers.image.revision="${GIT_SHA}" org.opencontainers.image.created="${BUILD_DATE}"
ENV APP_REVISION=$GIT_SHA
COPY --from=build /out/ingest /ingest
USER 65532:65532
ENTRYPOINT ["/ingest"]
