#!/usr/bin/env bash
# The one shell library of the scripts and benchmarks: sourced, never run. It gives
#   need TOOL PACKAGE          install a Debian package when a tool is missing
#   build_jar                  the packaged service (target/quarkus-app), built when missing or REBUILD is set
#   make_keys DIR [rsa|ec]     a signing key pair as PEM files (private.pem, public.pem), made once
#   wait_ready URL [SECONDS] [PID]   until URL answers 200 (fails early when PID dies)
#   service_env SCHEMA         SERVICE_ENV: production settings for a local run on a schema of its own
#                              (its mail goes to scripts/smtp-sink.py, started once per script)
#   smtp_sink                  SMTP_SINK_PORT: that SMTP server, started when missing
#   data_secret                an AUTH_DATA_SECRET for local runs, made once under WORK
#   start_service PORT [java options...]   the jar on a wiped schema, ready; sets SERVICE_PID
#   stop_service
#   cookie NAME HEADERS_FILE   the value of a Set-Cookie in a saved header dump
#   sign_up BASE EMAIL PASSWORD, sign_in_cookie BASE LOGIN PASSWORD NAME
#   seed_refresh_tokens SCHEMA LOGIN COUNT FILE   COUNT fresh sessions with one unused refresh token each
#   psql_local ...             psql on the local PostgreSQL as postgres
#   rss_kib PID, sample_rss PID FILE, max_of FILE, median (stdin)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench}
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

make_keys() {
  local dir=$1 kind=${2:-rsa}
  mkdir -p "$dir"
  if [ ! -f "$dir/private.pem" ]; then
    if [ "$kind" = ec ]; then
      openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/private.pem" 2>/dev/null
    else
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
    fi
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
  fi
}

wait_ready() {
  local url=$1 seconds=${2:-60} pid=${3:-}
  local deadline=$(( $(date +%s) + seconds ))
  until curl -fs -o /dev/null "$url" 2>/dev/null; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "the process $pid behind $url exited" >&2
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "$url was not ready within $seconds s" >&2
      return 1
    fi
    sleep 0.05
  done
}

data_secret() {
  [ -f "$WORK/data-secret" ] || openssl rand -base64 32 > "$WORK/data-secret"
  cat "$WORK/data-secret"
}

smtp_sink() {
  [ -n "${SMTP_SINK_PORT:-}" ] && return
  local file="$WORK/smtp-sink.$$.port"
  rm -f "$file"
  python3 "$ROOT/scripts/smtp-sink.py" "$file" "$$" &
  for _ in $(seq 1 100); do [ -s "$file" ] && break; sleep 0.05; done
  SMTP_SINK_PORT=$(cat "$file")
}

service_env() {
  make_keys "$WORK/keys"
  smtp_sink
  SERVICE_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$1"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_FLYWAY_SCHEMAS="$1"
    SMALLRYE_JWT_SIGN_KEY_LOCATION="${SIGN_KEY:-$WORK/keys/private.pem}"
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="${VERIFY_KEY:-$WORK/keys/public.pem}"
    AUTH_JWT_ALGORITHM="${JWT_ALG:-RS256}"
    AUTH_DATA_SECRET="${DATA_SECRET:-$(data_secret)}"
    AUTH_CAPTCHA_PROVIDER=disabled AUTH_COOKIE_SECURE=false
    QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_SINK_PORT" QUARKUS_MAILER_START_TLS=DISABLED
    QUARKUS_MANAGEMENT_PORT=0
    QUARKUS_LOG_CATEGORY__IO_QUARKUS_MAILER__LEVEL=WARN)
}

start_service() {
  local port=$1; shift
  build_jar
  service_env "${BENCH_SCHEMA:-auth_bench}"
  env "${SERVICE_ENV[@]}" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
      AUTH_LIMITS_SIGNUPS_PER_ADDRESS=100000000 AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS=100000000 \
      AUTH_LIMITS_SIGNIN_FAILURES_PER_ACCOUNT=100000000 AUTH_LIMITS_CAPTCHA_CHECKS_PER_ADDRESS=100000000 \
      PORT="$port" \
      "${JAVA:-java}" "$@" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/service-$port.log" 2>&1 &
  SERVICE_PID=$!
  wait_ready "http://127.0.0.1:$port/q/health/ready" 60 "$SERVICE_PID" \
    || { echo "see $WORK/service-$port.log" >&2; return 1; }
}

stop_service() {
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
}

cookie() {
  grep -i "^set-cookie: $1=" "$2" | head -n 1 | sed -E "s/^[^=]*=([^;]*).*/\1/I" | tr -d '\r'
}

sign_up() {
  curl -fs -o /dev/null -X POST "$1/api/v1/auth/signup/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$3\",\"name\":\"Bench\",\"captcha\":\"bench\"}"
}

sign_in_cookie() {
  local headers
  headers=$(mktemp)
  curl -fs -o /dev/null -D "$headers" -X POST "$1/api/v1/auth/signin/" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$2\",\"password\":\"$3\",\"captcha\":\"bench\"}"
  cookie "$4" "$headers"
  rm -f "$headers"
}

psql_local() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

seed_refresh_tokens() {
  local schema=$1 login=$2 count=$3 file=$4
  # The service stores SHA-256(token); the tokens go to FILE, one per line.
  psql_local -c "SET search_path TO $schema;
    CREATE TEMP TABLE bench_tokens AS
      SELECT gen_random_uuid() AS sid, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS token
      FROM generate_series(1, $count);
    INSERT INTO sessions (id, user_id, created_at, expires_at, auth_time)
      SELECT sid, (SELECT id FROM users WHERE email_key = '$login'), now(), now() + interval '90 days', now() FROM bench_tokens;
    INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at)
      SELECT gen_random_uuid(), sid, sha256(convert_to(token, 'UTF8')), now(), now() + interval '14 days' FROM bench_tokens;
    COPY (SELECT token FROM bench_tokens) TO STDOUT;" > "$file"
}

rss_kib() { ps -o rss= -p "$1" | tr -d ' '; }

sample_rss() {
  while kill -0 "$1" 2>/dev/null; do rss_kib "$1" >> "$2" || true; sleep 0.2; done
}

max_of() { sort -n "$1" | tail -n 1; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
export BENCH_DIR="$ROOT/bench"
