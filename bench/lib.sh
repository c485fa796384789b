#!/usr/bin/env bash
# Shared by the bench scripts: build the jar if needed, start the packaged service against
# the local PostgreSQL (schema auth_bench, wiped at start), and measure its memory.
set -euo pipefail
export BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORK="$ROOT/target/bench"
mkdir -p "$WORK"

need() {
  command -v "$1" >/dev/null 2>&1 && return
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

build_jar() {
  if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || [ -n "${REBUILD:-}" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

bench_keys() {
  if [ ! -f "$WORK/private.pem" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
    openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
  fi
}

# service_env SCHEMA: sets SERVICE_ENV to the production settings of a bench run (SIGN_KEY,
# VERIFY_KEY and JWT_ALG pick another key pair).
service_env() {
  SERVICE_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$1"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_FLYWAY_SCHEMAS="$1"
    SMALLRYE_JWT_SIGN_KEY_LOCATION="${SIGN_KEY:-$WORK/private.pem}" MP_JWT_VERIFY_PUBLICKEY_LOCATION="${VERIFY_KEY:-$WORK/public.pem}"
    AUTH_JWT_ALGORITHM="${JWT_ALG:-RS256}"
    AUTH_CAPTCHA_PROVIDER=disabled AUTH_COOKIE_SECURE=false QUARKUS_MAILER_MOCK=true
    QUARKUS_LOG_CATEGORY__IO_QUARKUS_MAILER__LEVEL=WARN)
}

# start_service PORT [extra java options...]: starts the jar on a wiped schema, waits until
# ready, sets SERVICE_PID.
start_service() {
  local port=$1; shift
  build_jar
  bench_keys
  service_env "${BENCH_SCHEMA:-auth_bench}"
  env "${SERVICE_ENV[@]}" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
      AUTH_LIMITS_SIGNUPS_PER_ADDRESS=100000000 AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS=100000000 \
      AUTH_LIMITS_SIGNIN_FAILURES_PER_ACCOUNT=100000000 \
      PORT="$port" \
      java "$@" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/service-$port.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service on $port did not start; see $WORK/service-$port.log" >&2
  return 1
}

stop_service() {
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
}

psql_bench() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

rss_kib() { ps -o rss= -p "$1" | tr -d ' '; }

# sample_rss PID FILE: appends the resident set (KiB) every 200 ms until stopped.
sample_rss() {
  while kill -0 "$1" 2>/dev/null; do rss_kib "$1" >> "$2"; sleep 0.2; done
}

max_of() { sort -n "$1" | tail -n 1; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# sign_up PORT EMAIL PASSWORD
sign_up() {
  curl -fs -o /dev/null -X POST "http://localhost:$1/api/v1/auth/signup/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$3\",\"name\":\"Bench\",\"captcha\":\"bench\"}"
}
