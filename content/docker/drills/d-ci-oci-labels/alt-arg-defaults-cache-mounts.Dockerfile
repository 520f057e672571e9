# syntax=docker/dockerfile:1
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY cmd ./cmd
ARG GIT_SHA=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${GIT_SHA}" -o /out/ingest ./cmd/ingest

FROM gcr.io/distroless/static-debian12:nonroot
ARG GIT_SHA=dev BUILD_DATE
COPY --from=build /out/ingest /ingest
LABEL org.opencontainers.image.source=https://git.example.com/data/ingest
LABEL org.opencontainers.image.revision=$GIT_SHA org.opencontainers.image.created=$BUILD_DATE
ENV APP_REVISION=${GIT_SHA}
USER 65532:65532
ENTRYPOINT ["/ingest"]
