#!/usr/bin/env bash
# Does a flood of sign-ins exhaust memory? Starts the packaged service (heap capped at
# 256 MiB, as a small serverless instance would be), then runs wrk sign-ins at concurrency
# 8 and 64 for DURATION each and samples the resident memory every 200 ms. Argon2id needs
# 19 MiB per hash, but at most one hash per core runs at once, so the peak must not grow
# with the number of clients.
#
#   bench/signin-memory.sh            (DURATION=20s by default)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
need wrk wrk
DURATION=${DURATION:-20s}
PORT=${PORT:-18090}

start_service "$PORT" -Xmx256m
trap stop_service EXIT
sign_up "http://127.0.0.1:$PORT" bench@example.com "correct horse battery"
# Warm up (JIT, pools, the dummy hash), then let the heap settle.
wrk -t2 -c4 -d5s -s "$BENCH_DIR/signin.lua" "http://localhost:$PORT/api/v1/auth/signin/" >/dev/null
sleep 2
idle=$(rss_kib "$SERVICE_PID")

declare -A peak result
for c in 8 64; do
  : > "$WORK/rss-$c.txt"
  sample_rss "$SERVICE_PID" "$WORK/rss-$c.txt" & sampler=$!
  result[$c]=$(wrk -t2 -c"$c" -d"$DURATION" --timeout 30s -s "$BENCH_DIR/signin.lua" \
    "http://localhost:$PORT/api/v1/auth/signin/" | grep '^RESULT')
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  peak[$c]=$(max_of "$WORK/rss-$c.txt")
done

printf '\n| concurrency | sign-ins/s | p50 ms | p99 ms | errors | peak RSS MiB |\n|---|---|---|---|---|---|\n'
for c in 8 64; do
  r=${result[$c]}
  get() { echo "$r" | sed -E "s/.*$1=([^ ]+).*/\1/"; }
  printf '| %s | %s | %s | %s | %s | %d |\n' "$c" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" \
    "$(( $(get errors) + $(get non2xx) ))" "$(( peak[$c] / 1024 ))"
done
printf '\nidle RSS after warm-up: %d MiB; peak at 64 / peak at 8: %s\n' "$(( idle / 1024 ))" \
  "$(awk -v a="${peak[64]}" -v b="${peak[8]}" 'BEGIN {printf "%.2f", a / b}')"
