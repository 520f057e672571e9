FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG GIT_SHA
RUN CGO_ENABLED=0 go build -ldflags="-X main.version=${GIT_SHA}" -o /out/ingest ./cmd/ingest

FROM gcr.io/distroless/static-debian12:nonroot
ARG GIT_SHA
LABEL org.opencontainers.image.source="https://git.example.com/data/ingest" \
      org.opencontainers.image.revision=$CI_COMMIT_SHA
ENV APP_REVISION=$GIT_SHA
COPY --from=build /out/ingest /ingest
ENTRYPOINT ["/ingest"]
