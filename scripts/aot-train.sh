#!/usr/bin/env bash
# Records the JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, and method profiles)
# of a packaged aot-jar by running it once through what the service does after a cold start:
# start, readiness, sign-up, sign-ins (known and unknown login), refresh, account, verify-email
# with a wrong code, logout, then SIGTERM. The JVM writes APP_DIR/app.aot as it exits.
#
#   scripts/aot-train.sh APP_DIR JAVA [java options...]
#
# APP_DIR is the quarkus-app folder of a build with -Dquarkus.package.jar.aot.enabled=true; JAVA
# the java launcher that will run it (the same runtime and the same options: a cache is used only
# by the JVM build that wrote it, and only with compatible options). The jar runs from APP_DIR with
# a relative class path, as the image runs it from /deployments, so the cache fits both. Runs
# against the local PostgreSQL on a schema of its own (auth_aot_train, wiped), with the mock mailer.
# This is cheaper than recording while the integration tests run (Quarkus's own way), and it
# trains on the request that matters for a cold start, the first sign-in.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
app=$(cd "$1" && pwd)
java_bin=$2
shift 2
port=${TRAIN_PORT:-18099} # TRAIN_PORT and TRAIN_SCHEMA keep two runs on one machine apart
base="http://127.0.0.1:$port"
log="$WORK/aot-train.log"

service_env "${TRAIN_SCHEMA:-auth_aot_train}"
rm -f "$app/app.aot"
# The cache records each jar's modification time and refuses jars whose time differs; an image
# build's COPY does not keep them. So every file gets one fixed time here, and the image sets the
# same (src/main/docker/Dockerfile.jvm).
find "$app" -exec touch -h -d @1700000000 {} +
(cd "$app" && exec env "${SERVICE_ENV[@]}" PORT="$port" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
  "$java_bin" "$@" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar > "$log" 2>&1) &
pid=$!
wait_ready "$base/q/health/ready" 120 "$pid" || { tail -30 "$log" >&2; exit 1; }

json='Content-Type: application/json'
sign_up "$base" train@example.com "correct horse battery"
for i in $(seq 1 12); do
  curl -fs -o /dev/null -X POST "$base/api/v1/auth/signin/" -H "$json" \
    -d '{"login":"train@example.com","password":"correct horse battery","captcha":"train"}'
  curl -s -o /dev/null -X POST "$base/api/v1/auth/signin/" -H "$json" \
    -d "{\"login\":\"nobody$i@example.com\",\"password\":\"wrong password $i\",\"captcha\":\"train\"}"
done
headers=$(mktemp)
for i in $(seq 1 20); do
  curl -fs -o /dev/null -D "$headers" -X POST "$base/api/v1/auth/signin/" -H "$json" \
    -d '{"login":"train@example.com","password":"correct horse battery","captcha":"train"}' || true
  access=$(cookie access_token "$headers")
  refresh=$(cookie refresh_token "$headers")
  curl -fs -o /dev/null "$base/api/v1/account/" -H "Authorization: Bearer $access"
  curl -fs -o /dev/null -D "$headers" -X POST "$base/api/v1/auth/custom-refresh/" -H "Cookie: refresh_token=$refresh"
  curl -s -o /dev/null -X POST "$base/api/v1/auth/verify-email/" -H "$json" -H "Authorization: Bearer $access" \
    -d '{"verification_code":"000000"}'
  curl -fs -o /dev/null -X POST "$base/api/v1/auth/custom-logout/" -H "Cookie: refresh_token=$(cookie refresh_token "$headers")"
done
rm -f "$headers"
curl -fs -o /dev/null "$base/q/health/live"
curl -fs -o /dev/null "$base/.well-known/jwks.json"

kill -TERM "$pid"
wait "$pid" || true
[ -s "$app/app.aot" ] || { echo "no AOT cache written; see $log" >&2; tail -20 "$log" >&2; exit 1; }
echo "AOT cache: $app/app.aot ($(du -m "$app/app.aot" | cut -f1) MiB)"
