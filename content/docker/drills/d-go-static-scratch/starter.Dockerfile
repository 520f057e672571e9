FROM golang:1.24
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/api ./cmd/api
EXPOSE 8080
CMD /usr/local/bin/api
