#!/usr/bin/env bash
# The benchmark, in one command: starts the packaged service against the local PostgreSQL,
# measures the raw Argon2id rate of this machine, then loads sign-in, refresh and
# GET /api/v1/account/ with wrk at concurrency 8 and 32 (DURATION each, RUNS runs), with
# RS256 and ES256 access tokens, and prints one summary table of medians.
#
#   bench/run.sh                 (RUNS=3 DURATION=20s; the table also goes to target/bench/summary.md)
#
# Refresh never presents a token twice: before each refresh load, fresh sessions and
# refresh tokens are inserted straight into PostgreSQL (SHA-256 stored, as the service
# does) and wrk's threads split the list, one token per request.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
need wrk wrk
need psql postgresql-client
RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
PORT=${PORT:-18092}
SCHEMA=auth_bench
TOKENS_PER_LOAD=${TOKENS_PER_LOAD:-100000}
LOGIN=bench@example.com
PASSWORD="correct horse battery"
RESULTS="$WORK/results.txt"
: > "$RESULTS"

build_jar
[ -d "$ROOT/target/test-classes/ai/rememberizer/auth/crypto" ] || (cd "$ROOT" && ./mvnw -B -q test-compile)
BCPROV=$(ls "$ROOT"/target/quarkus-app/lib/main/org.bouncycastle.bcprov-*.jar)
make_keys "$WORK/keys"
make_keys "$WORK/ec-keys" ec

# hash_rate: raw Argon2id verifications per second of the service's own hasher, one thread per
# core, 10 s (bench/java/HashRate.java; without --quiet it also compares implementations).
hash_rate() {
  java -cp "$ROOT/target/classes:$BCPROV" "$BENCH_DIR/java/HashRate.java" --quiet --variants service --seconds 10
}

# load NAME ALG CONCURRENCY RUN LUA [env...]: one wrk load, its result and the peak RSS.
load() {
  local name=$1 alg=$2 c=$3 run=$4 lua=$5; shift 5
  local rss="$WORK/rss-load.txt"
  : > "$rss"
  sample_rss "$SERVICE_PID" "$rss" & local sampler=$!
  local out
  out=$(env "$@" wrk -t2 -c"$c" -d"$DURATION" --timeout 10s -s "$BENCH_DIR/$lua" "http://localhost:$PORT$URL" -- 2 \
    | grep '^RESULT')
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  echo "$name $alg $c $run $out peak_rss_kib=$(max_of "$rss")" | tee -a "$RESULTS"
}

for alg in RS256 ES256; do
  if [ "$alg" = RS256 ]; then keys="$WORK/keys"; else keys="$WORK/ec-keys"; fi
  SIGN_KEY="$keys/private.pem" VERIFY_KEY="$keys/public.pem" JWT_ALG=$alg BENCH_SCHEMA=$SCHEMA start_service "$PORT"
  sign_up "http://127.0.0.1:$PORT" "$LOGIN" "$PASSWORD"
  access=$(sign_in_cookie "http://127.0.0.1:$PORT" "$LOGIN" "$PASSWORD" access_token)
  # Warm-up: JIT and pools, for each endpoint.
  URL=/api/v1/account/ wrk -t2 -c8 -d5s -s "$BENCH_DIR/account.lua" "http://localhost:$PORT/api/v1/account/" >/dev/null 2>&1 || true
  if [ "$alg" = RS256 ]; then
    URL=/api/v1/auth/signin/ wrk -t2 -c8 -d10s -s "$BENCH_DIR/signin.lua" "http://localhost:$PORT/api/v1/auth/signin/" >/dev/null
  fi
  for run in $(seq 1 "$RUNS"); do
    if [ "$alg" = RS256 ]; then
      # This machine's speed drifts by as much as 2x within minutes, so the raw hash rate is
      # measured right before and right after each sign-in load, and the load is compared
      # with the mean of the two.
      for c in 8 32; do
        before=$(hash_rate)
        URL=/api/v1/auth/signin/ load signin "$alg" "$c" "$run" signin.lua
        after=$(hash_rate)
        echo "hashrate $alg $c $run rps=$(awk -v a="$before" -v b="$after" 'BEGIN {print (a + b) / 2}')" | tee -a "$RESULTS"
      done
    fi
    for c in 8 32; do
      seed_refresh_tokens "$SCHEMA" "$LOGIN" "$TOKENS_PER_LOAD" "$WORK/tokens.txt"
      URL=/api/v1/auth/custom-refresh/ load refresh "$alg" "$c" "$run" refresh.lua TOKENS="$WORK/tokens.txt"
      URL=/api/v1/account/ load account "$alg" "$c" "$run" account.lua ACCESS_TOKEN="$access"
    done
  done
  stop_service
done

# The summary: medians over the runs.
field() { sed -E "s/.* $1=([^ ]+).*/\1/"; }
med() { grep "^$1 $2 $3 " "$RESULTS" | field "$4" | median; }
hash_med=$(grep '^hashrate ' "$RESULTS" | field rps | median)
# Production settings throughout: the audit log stays on.
{
  printf '| endpoint | token | clients | requests/s | p50 ms | p99 ms | errors | peak RSS MiB | note |\n'
  printf '|---|---|---|---|---|---|---|---|---|\n'
  for spec in "signin RS256" "refresh RS256" "refresh ES256" "account RS256" "account ES256"; do
    set -- $spec
    for c in 8 32; do
      rps=$(med "$1" "$2" "$c" rps)
      errors=$(grep "^$1 $2 $c " "$RESULTS" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^(errors|non2xx)=/) {split($i, kv, "="); s += kv[2]}} END {print s + 0}')
      note=""
      if [ "$1" = signin ]; then
        # Per run: the load's rate over the raw rate measured around it; then the median.
        ratio=$(for run in $(seq 1 "$RUNS"); do
          r=$(grep "^signin $2 $c $run " "$RESULTS" | field rps)
          h=$(grep "^hashrate $2 $c $run " "$RESULTS" | field rps)
          awk -v r="$r" -v h="$h" 'BEGIN {print 100 * r / h}'
        done | median)
        note=$(printf '%.0f %% of the raw hash rate' "$ratio")
      fi
      printf '| %s | %s | %s | %.0f | %.1f | %.1f | %s | %.0f | %s |\n' "$1" "$2" "$c" "$rps" "$(med "$1" "$2" "$c" p50_ms)" \
        "$(med "$1" "$2" "$c" p99_ms)" "$errors" "$(awk -v k="$(med "$1" "$2" "$c" peak_rss_kib)" 'BEGIN {print k / 1024}')" "$note"
    done
  done
  printf '\nRaw Argon2id (m=19 MiB, t=2, p=1), %s threads: %.1f hashes/s (median of %s). Runs: %s x %s per row, medians.\n' \
    "$(nproc)" "$hash_med" "$RUNS" "$RUNS" "$DURATION"
} | tee "$WORK/summary.md"
