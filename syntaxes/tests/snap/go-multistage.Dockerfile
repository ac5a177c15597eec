# syntax=docker/dockerfile:1
# check=error=true

ARG GO_VERSION=1.22
ARG ALPINE_VERSION=3.20

# Build stage: compile a static binary for the target platform.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build
WORKDIR /src
ENV CGO_ENABLED=0 \
    GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags="-s -w" -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot AS runtime
LABEL org.opencontainers.image.title="server" \
      org.opencontainers.image.licenses="MIT"
COPY --from=build --chown=nonroot:nonroot /out/server /usr/local/bin/server
USER nonroot:nonroot
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
    CMD ["/usr/local/bin/server", "-healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/server"]
