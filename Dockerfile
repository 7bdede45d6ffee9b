# ticketgate: build with the Swift 6 toolchain, run on slim Debian as a non-root user.
# The build stage copies what Package.swift names (its test target's folder included, though nothing builds it).
# .ci/docker-stages reproduces both stages without a container engine.
#   docker build --build-arg TICKETGATE_COMMIT="$(git rev-parse --short=12 HEAD)" -t ticketgate .
#   docker run -p 127.0.0.1:8080:8080 -v ticketgate-data:/var/lib/ticketgate/data ticketgate

FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
# The versions the gateway ships with, as pinned in the repository.
COPY Package.resolved ./
# The version `ticketgate --version` names, and the plugin that writes it into the binary with the commit.
COPY VERSION ./
COPY Plugins ./Plugins
ARG TICKETGATE_COMMIT=unknown
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product ticketgate --static-swift-stdlib --force-resolved-versions \
    && install -D "$(swift build -c release --show-bin-path)/ticketgate" /staging/ticketgate

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/ticketgate --create-home ticketgate \
    && install -d -o ticketgate -g ticketgate /var/lib/ticketgate/data
COPY --from=build /staging/ticketgate /usr/local/bin/ticketgate
COPY Rules /etc/ticketgate/rules
ENV TICKETGATE_RULES=/etc/ticketgate/rules \
    TICKETGATE_DATABASE=sqlite:/var/lib/ticketgate/data/ticketgate.sqlite \
    TICKETGATE_HOST=0.0.0.0 \
    TICKETGATE_PORT=8080
USER ticketgate
WORKDIR /var/lib/ticketgate
VOLUME /var/lib/ticketgate/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["ticketgate"]
CMD ["serve"]
