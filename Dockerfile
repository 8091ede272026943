# Multi-stage build: a static binary on a distroless base.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/mqmock ./cmd/mqmock

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mqmock /mqmock
# Inside a container the vendors listen on every interface.
ENV MQMOCK_CMQ_LISTEN=0.0.0.0:9101 \
    MQMOCK_TDMQ_LISTEN=0.0.0.0:9102 \
    MQMOCK_ONS_LISTEN=0.0.0.0:9103 \
    MQMOCK_MQTT_LISTEN=0.0.0.0:9104
EXPOSE 9101 9102 9103 9104
HEALTHCHECK --interval=5s --timeout=3s --retries=10 CMD ["/mqmock", "-healthcheck", "http://127.0.0.1:9101/_mqmock/health"]
ENTRYPOINT ["/mqmock"]
