#!/usr/bin/env bash
# Builds the JVM container image with podman from a base image made here (no registry is
# reachable from the development machines), starts it against the local PostgreSQL and
# drives sign-up -> sign-in -> refresh -> logout (and a replayed refresh token) through the
# published port. Run by .ci/run after the tests; needs root (rootful podman).
#
#   scripts/container-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work="$root/target/container"
mkdir -p "$work"
export CONTAINERS_CONF="$root/scripts/containers.conf"
base=localhost/rememberizer-auth-base:bookworm-jre17
image=localhost/rememberizer-auth:jvm
port=${CONTAINER_PORT:-18095}
name=rememberizer-auth-check

missing=""
for tool in podman debootstrap runc slirp4netns openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman debootstrap runc slirp4netns uidmap openssl >/dev/null
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
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
podman build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$base" -t "$image" . >/dev/null

# 3. Keys for this run, and the container on the published port. slirp4netns lets the
#    container reach the host's loopback (PostgreSQL listens there) as 10.0.2.2.
keys="$work/keys"
mkdir -p "$keys"
if [ ! -f "$keys/private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
  openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
fi
chmod 0644 "$keys"/*.pem
podman rm -f "$name" >/dev/null 2>&1 || true
trap 'podman logs "$name" > "$work/container.log" 2>&1 || true; podman rm -f "$name" >/dev/null 2>&1 || true' EXIT
podman run -d --name "$name" \
  --network slirp4netns:allow_host_loopback=true -p "127.0.0.1:$port:8080" \
  -v "$keys:/keys:ro" \
  -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://10.0.2.2:5432/postgres?currentSchema=auth_container" \
  -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres \
  -e QUARKUS_FLYWAY_SCHEMAS=auth_container -e QUARKUS_FLYWAY_CLEAN_DISABLED=false -e QUARKUS_FLYWAY_CLEAN_AT_START=true \
  -e SMALLRYE_JWT_SIGN_KEY_LOCATION=/keys/private.pem -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=/keys/public.pem \
  -e AUTH_CAPTCHA_PROVIDER=disabled -e AUTH_COOKIE_SECURE=false -e AUTH_REFRESH_REUSE_GRACE=PT2S \
  -e QUARKUS_MAILER_MOCK=true \
  "$image" >/dev/null

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null || { podman logs "$name" | tail -30; exit 1; }

# 4. The flow, through the published port.
GRACE_SECONDS=2 scripts/seed-flow.sh "http://127.0.0.1:$port"
echo "container check: the JVM image serves the whole flow"
