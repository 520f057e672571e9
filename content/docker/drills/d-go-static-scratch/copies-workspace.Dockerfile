FROM golang:1.24-bookworm AS build
WORKDIR /workspace
COPY go.* ./
RUN go mod download
COPY cmd ./cmd
COPY internal ./internal
RUN CGO_ENABLED=0 GOOS=linux go build -o api ./cmd/api

FROM scratch
COPY --from=build /workspace/ /
USER 10001:10001
ENTRYPOINT ["/api"]
