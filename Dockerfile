# syntax=docker/dockerfile:1
# Build: the official Swift image compiles a release binary with the Swift runtime linked in statically.
# (Static Foundation links libcurl dynamically: the official image has its headers, the runtime needs libcurl4.)
FROM swift:6.3-bookworm AS build
WORKDIR /build
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product BlueprintServer \
 && install -D .build/release/BlueprintServer /out/BlueprintServer

# Run: a slim Debian with the binary, Version.json, libcurl (upstream backends) and CA certificates (HTTPS upstreams),
# as a non-root user.
FROM debian:bookworm-slim
# Debian's security updates replace these versions, so pinning them would break rebuilds.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin blueprint
WORKDIR /app
COPY --from=build /out/BlueprintServer /app/BlueprintServer
COPY Version.json /app/Version.json
USER 10001
ENV ENVIRONMENT=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    LOG_LEVEL=info \
    RATE_LIMIT_PER_MINUTE=600
EXPOSE 8000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/app/BlueprintServer", "healthcheck"]
ENTRYPOINT ["/app/BlueprintServer"]
