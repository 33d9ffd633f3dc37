#!/usr/bin/env bash
# Builds the services' base image as a tarball in `docker save` format, offline: no Docker daemon and no container
# registry (neither is reachable where Staypuft is built). What goes in comes from what is reachable:
#   - a Java 17 runtime made with jlink from the local JDK (Debian's openjdk-17-jdk-headless has the jmods);
#   - the few shared libraries that runtime links against (glibc, libgcc, libstdc++, zlib), taken from the Debian
#     packages of this machine's release with `apt-get download` (no root needed) and unpacked with dpkg-deb;
#   - /etc/passwd and /etc/group with the non-root user 185 the Deployments run as, and a /tmp.
# No shell, no package manager: the image runs Java only.
#
#   deploy/images/build-base-image.sh [OUTPUT]        default OUTPUT: deploy/target/images/staypuft-base.tar
#
# Quarkus' Jib extension takes it as its base: quarkus.jib.base-jvm-image=tar://<OUTPUT> (build-images.sh).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
output="${1:-$here/../target/images/staypuft-base.tar}"
java_home="${STAYPUFT_IMAGE_JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v jlink)")")")}"
packages=(libc6 libgcc-s1 libstdc++6 zlib1g)

for tool in jlink apt-get dpkg-deb sha256sum tar; do
  command -v "$tool" >/dev/null || { echo "build-base-image: $tool is needed" >&2; exit 2; }
done
[ -d "$java_home/jmods" ] || { echo "build-base-image: no jmods in $java_home (install openjdk-17-jdk-headless)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root" "$work/debs" "$(dirname "$output")"

echo "build-base-image: Debian packages ${packages[*]}"
(cd "$work/debs" && apt-get download -q "${packages[@]}" >/dev/null)
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$root"
done
# Documentation, locales' messages and the like: nothing in the image reads them.
rm -rf "${root:?}"/usr/share/doc "${root:?}"/usr/share/lintian "${root:?}"/usr/share/locale "${root:?}"/usr/share/gcc \
  "${root:?}"/usr/share/gdb "${root:?}"/usr/lib/x86_64-linux-gnu/gconv "${root:?}"/etc/ld.so.conf.d "${root:?}"/sbin \
  "${root:?}"/usr/sbin "${root:?}"/usr/bin

echo "build-base-image: Java runtime (jlink from $java_home)"
# The modules a Quarkus application with JDBC, Kafka, JWT and sshd-core uses (java.se is the whole standard API);
# jdk.crypto.ec and jdk.crypto.cryptoki for TLS, jdk.unsupported for Netty and friends, jdk.naming.dns for
# Kafka's DNS lookups, jdk.zipfs for reading jars, jdk.management for metrics.
"$java_home/bin/jlink" --module-path "$java_home/jmods" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.management,jdk.localedata \
  --include-locales en --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$root/opt/java"

mkdir -p "$root/tmp" "$root/etc" "$root/deployments"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nstaypuft:x:185:185:Staypuft:/deployments:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nstaypuft:x:185:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"

# Reproducible archives: sorted names, no timestamps, numeric root ownership, no "./" entry (Jib refuses one).
archive() { # archive OUTPUT DIRECTORY ENTRY...
  local out="$1" dir="$2"
  shift 2
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dir" -cf "$out" "$@"
}
(cd "$root" && archive "$work/layer.tar" "$root" -- *)
layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
mkdir -p "$work/image/$layer_sha"
mv "$work/layer.tar" "$work/image/$layer_sha/layer.tar"
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"185","WorkingDir":"/deployments",
  "Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/build-base-image.sh"}]}
JSON
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/image/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["staypuft/base:17"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$layer_sha" >"$work/image/manifest.json"
archive "$output" "$work/image" manifest.json "$config_sha.json" "$layer_sha/layer.tar"
echo "build-base-image: $output ($(du -h "$output" | cut -f1))"
