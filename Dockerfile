# cdscan as a container image, built the same way as the release archive: the build stage runs
# scripts/package, and the image holds nothing of cdscan's but the archive's contents, so the archive's
# test (PackagedArchiveTests, in a minimal Debian root) covers what the image runs.
#
#   docker build --build-arg SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)" -t cdscan .
#   docker run --rm -v "$PWD:/repo:ro" cdscan scan /repo
#
# SOURCE_DATE_EPOCH dates the archive's files when .git is not in the build context.
# Not built yet by the project (its machines run no Docker engine): treat it as a starting point.
FROM swift:6.0-bookworm AS build
ARG SOURCE_DATE_EPOCH
WORKDIR /src
COPY . .
RUN scripts/package --output /dist \
 && mkdir /cdscan \
 && tar -xzf /dist/cdscan-*-linux-x86_64.tar.gz -C /cdscan --strip-components=1

FROM debian:bookworm-slim
COPY --from=build /cdscan /opt/cdscan
RUN ln -s /opt/cdscan/bin/cdscan /usr/local/bin/cdscan \
 && useradd --create-home --uid 10001 cdscan
USER cdscan
WORKDIR /repo
ENTRYPOINT ["cdscan"]
CMD ["scan", "/repo"]
