# The image for CloudQuery's `registry: docker`: the CLI runs it with the plugin's argv
# (`serve --log-level … --log-format json --network tcp --address 0.0.0.0:7777 …`) as the container command and
# connects to port 7777, so the ENTRYPOINT is the plugin executable itself.
# Build it with `dotnet cake --target=Docker`, or after `dotnet cake --target=Publish`: `docker build -t cq-source-s3 .`
# Debian, not Alpine: the published executable and ParquetSharp's native library are built against glibc.
FROM debian:bookworm-slim

# The self-contained executable from build.cake's Publish (linux-x64 by default; the Docker target passes the path
# of the runtime it published).
ARG BINARY=artifacts/bin/cq-source-s3

# CA certificates for HTTPS to S3; libssl for .NET's TLS; libstdc++ for ParquetSharp's native library.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 libstdc++6 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /home/plugin --create-home plugin

COPY --chmod=0755 ${BINARY} /usr/local/bin/cq-source-s3

# The single-file bundle extracts its native libraries on first start; give it a writable place.
ENV DOTNET_BUNDLE_EXTRACT_BASE_DIR=/home/plugin/.net
USER plugin
WORKDIR /home/plugin
EXPOSE 7777
ENTRYPOINT ["/usr/local/bin/cq-source-s3"]
CMD ["serve", "--network", "tcp", "--address", "0.0.0.0:7777"]
