# Multi-stage build: a static binary on a distroless base, run as non-root.
#   docker build --build-arg VERSION=0.2.0 --build-arg COMMIT=$(git rev-parse HEAD) -t mqmock .
FROM golang:1.26 AS build
ARG VERSION=""
ARG COMMIT=""
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -tags nomsgpack -ldflags="-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" -o /out/mqmock ./cmd/mqmock

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=""
ARG COMMIT=""
LABEL org.opencontainers.image.title="mqmock" \
      org.opencontainers.image.description="Local emulator of cloud message-queue management APIs (CMQ, TDMQ, ONS, MQTT)" \
      org.opencontainers.image.source="https://github.com/mqmock/mqmock" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}"
COPY --from=build /out/mqmock /mqmock
# The ready fault scenarios: MQMOCK_SCENARIOS=/scenarios/slow-network.yaml
COPY --from=build /src/scenarios/*.yaml /scenarios/
# Inside a container the vendors listen on every interface. A mounted file
# configures the rest: -e MQMOCK_CONFIG=/config/mqmock.yaml.
ENV MQMOCK_CMQ_LISTEN=0.0.0.0:9101 \
    MQMOCK_TDMQ_LISTEN=0.0.0.0:9102 \
    MQMOCK_ONS_LISTEN=0.0.0.0:9103 \
    MQMOCK_MQTT_LISTEN=0.0.0.0:9104
EXPOSE 9101 9102 9103 9104
USER nonroot:nonroot
# The probe reads the same config and variables as the server, so it finds
# the port however it is configured.
HEALTHCHECK --interval=5s --timeout=3s --retries=10 CMD ["/mqmock", "health"]
ENTRYPOINT ["/mqmock"]
