#!/usr/bin/env bash
# Builds the JVM container image with podman from a base image made here (no registry is
# reachable from the development machines), starts it against the local PostgreSQL and
# drives sign-up -> sign-in -> refresh -> logout (and a replayed refresh token) through the
# port on 127.0.0.1 (host network). Run by .ci/run after the tests; needs root (rootful podman).
#
#   scripts/container-check.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
root=$ROOT
work="$root/target/container"
mkdir -p "$work"
export CONTAINERS_CONF="$root/scripts/containers.conf"
base=localhost/rememberizer-auth-base:bookworm-jre17
image=localhost/rememberizer-auth:jvm
port=${CONTAINER_PORT:-18095}
name=rememberizer-auth-check

missing=""
for tool in podman debootstrap runc openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman debootstrap runc uidmap openssl >/dev/null
fi

# 1. The base image: Debian bookworm (minbase) with a Java 17 runtime, from Debian's packages.
if ! podman image exists "$base"; then
  rootfs="$work/rootfs"
  rm -rf "$rootfs"
  mirror=$(grep -m1 -oE 'https?://[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | head -n 1 | cut -d: -f2- || true)
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" \
    > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  rm -rf "$rootfs"
fi

# 2. The application image, from the packaged jar.
build_jar
podman build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$base" -t "$image" . >/dev/null

# 3. Keys for this run, and the container on the host's network: it reaches PostgreSQL on
#    127.0.0.1 and serves on 127.0.0.1:$port, so every packet stays on loopback.
keys="$work/keys"
make_keys "$keys"
chmod 0644 "$keys"/*.pem
podman rm -f "$name" >/dev/null 2>&1 || true
trap 'podman logs "$name" > "$work/container.log" 2>&1 || true; podman rm -f "$name" >/dev/null 2>&1 || true' EXIT
podman run -d --name "$name" \
  --network=host -e PORT="$port" \
  -v "$keys:/keys:ro" \
  -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=auth_container" \
  -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres \
  -e QUARKUS_FLYWAY_SCHEMAS=auth_container -e QUARKUS_FLYWAY_CLEAN_DISABLED=false -e QUARKUS_FLYWAY_CLEAN_AT_START=true \
  -e SMALLRYE_JWT_SIGN_KEY_LOCATION=/keys/private.pem -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=/keys/public.pem \
  -e AUTH_DATA_SECRET="$(data_secret)" \
  -e AUTH_CAPTCHA_PROVIDER=disabled -e AUTH_COOKIE_SECURE=false -e AUTH_REFRESH_REUSE_GRACE=PT2S \
  -e QUARKUS_MAILER_MOCK=true \
  "$image" >/dev/null

wait_ready "http://127.0.0.1:$port/q/health/ready" 60 || { podman logs "$name" | tail -30; exit 1; }

# 4. The flow, through the container's port.
GRACE_SECONDS=2 scripts/seed-flow.sh "http://127.0.0.1:$port"
echo "container check: the JVM image serves the whole flow"
