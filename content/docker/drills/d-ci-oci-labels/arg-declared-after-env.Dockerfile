FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG GIT_SHA
RUN CGO_ENABLED=0 go build -ldflags="-X main.version=${GIT_SHA}" -o /out/ingest ./cmd/ingest

FROM gcr.io/distroless/static-debian12:nonroot
ENV APP_REVISION=$GIT_SHA
ARG GIT_SHA
ARG BUILD_DATE
LABEL org.opencontainers.image.source="https://git.example.com/data/ingest" \
      org.opencontainers.image.revision=$GIT_SHA \
      org.opencontainers.image.created=$BUILD_DATE
COPY --from=build /out/ingest /ingest
ENTRYPOINT ["/ingest"]
