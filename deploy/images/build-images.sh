#!/usr/bin/env bash
# Builds the five services' container images as tarballs (`docker save` format), with no Docker daemon and no
# container registry: Quarkus' Jib extension (Maven profile `container-image` of each service) layers the
# application onto the base image from build-base-image.sh and hands the result to docker-to-tarball.
#
#   deploy/images/build-images.sh [SERVICE...]      default: all five
#
# Writes deploy/target/images/<service>_<version>.tar, named staypuft/<service>:<version> inside. Load them with
#   kind load image-archive deploy/target/images/orchestrator_0.1.0-SNAPSHOT.tar
#   podman load -i ... / docker load -i ... / skopeo copy docker-archive:... docker://registry.example.com/...
# The manifests use these names (kustomize `images:` maps them to your registry).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
images="$root/deploy/target/images"
services=("$@")
[ "${#services[@]}" -gt 0 ] || services=(discovery-listener host-registry orchestrator puppet-runner webhook-dispatcher)

[ -f "$images/staypuft-base.tar" ] || "$root/deploy/images/build-base-image.sh" "$images/staypuft-base.tar"

modules="$(IFS=,; echo "${services[*]}")"
cd "$root"
./mvnw -B -q -pl "$modules" -am package -DskipTests -Pcontainer-image \
  -Dquarkus.container-image.build=true \
  -Dquarkus.jib.base-jvm-image="tar://$images/staypuft-base.tar" \
  -Dquarkus.jib.docker-executable-name="$root/deploy/images/docker-to-tarball" \
  -Dquarkus.jib.docker-environment.STAYPUFT_IMAGE_DIR="$images"
ls -l "$images"/*.tar
