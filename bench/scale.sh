#!/usr/bin/env bash
# Does cost stay flat as the data grows? Two instances of the packaged service run side by
# side, one on an empty schema, one on a schema seeded with 1,000,000 users, 1,000,000
# sessions and 5,000,000 refresh tokens (generate_series, in SQL). Sign-in, refresh and
# account loads alternate between them (the machine's speed drifts, so each pair is run back
# to back) and the table gives large/empty per endpoint. The plans of the hot queries on the
# large schema go to target/bench/QUERY-PLANS.md (copy it over docs/QUERY-PLANS.md to publish a run).
#
#   bench/scale.sh            (RUNS=3 DURATION=20s CONCURRENCY=32 USERS=1000000 TOKENS=5000000)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
need wrk wrk
need psql postgresql-client
RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
CONCURRENCY=${CONCURRENCY:-32}
USERS=${USERS:-1000000}
TOKENS=${TOKENS:-5000000}
LOGIN=bench@example.com
PASSWORD="correct horse battery"
RESULTS="$WORK/scale-results.txt"
: > "$RESULTS"

build_jar
declare -A port=([empty]=18110 [large]=18111) pid access
for db in empty large; do
  BENCH_SCHEMA="auth_scale_$db" start_service "${port[$db]}"
  pid[$db]=$SERVICE_PID
  sign_up "http://127.0.0.1:${port[$db]}" "$LOGIN" "$PASSWORD"
  access[$db]=$(sign_in_cookie "http://127.0.0.1:${port[$db]}" "$LOGIN" "$PASSWORD" access_token)
done
trap 'kill ${pid[empty]} ${pid[large]} 2>/dev/null || true' EXIT

echo "seeding $USERS users, $USERS sessions and $TOKENS refresh tokens into auth_scale_large"
hash=$(psql_local -c "SELECT password_hash FROM auth_scale_large.users WHERE email_key = '$LOGIN'")
start=$(date +%s)
psql_local <<SQL
SET search_path TO auth_scale_large;
INSERT INTO users (id, email, email_key, name, password_hash, email_verified, created_at)
  SELECT gen_random_uuid(), 'User' || g || '@Scale.test', 'user' || g || '@scale.test', 'User ' || g, '$hash', g % 3 = 0,
         now() - (g || ' seconds')::interval
  FROM generate_series(1, $USERS) g;
INSERT INTO sessions (id, user_id, created_at, expires_at, revoked_at, revoke_reason, auth_time)
  SELECT gen_random_uuid(), id, now() - interval '1 day', now() + interval '89 days',
         CASE WHEN random() < 0.2 THEN now() END, CASE WHEN random() < 0.2 THEN 'logout' END, now() - interval '1 day'
  FROM users WHERE email_key LIKE 'user%@scale.test';
INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at, rotated_at)
  SELECT gen_random_uuid(), s.id, sha256(convert_to(gen_random_uuid()::text || g, 'UTF8')), now() - interval '1 day',
         now() + interval '13 days', CASE WHEN g < $((TOKENS / USERS)) THEN now() - interval '1 hour' END
  FROM sessions s CROSS JOIN generate_series(1, $((TOKENS / USERS))) g;
INSERT INTO rate_limits (bucket, window_start, hits)
  SELECT 'signin-account:user' || g || '@scale.test', now() - (g % 3600 || ' seconds')::interval, 1 + g % 4
  FROM generate_series(1, $((USERS / 10))) g;
VACUUM ANALYZE users; VACUUM ANALYZE sessions; VACUUM ANALYZE refresh_tokens; VACUUM ANALYZE rate_limits;
SQL
echo "seeded in $(( $(date +%s) - start )) s: $(psql_local -c "SELECT (SELECT count(*) FROM auth_scale_large.users) || ' users, ' || (SELECT count(*) FROM auth_scale_large.refresh_tokens) || ' refresh tokens'")"

"$BENCH_DIR/explain.sh" auth_scale_large > "$WORK/QUERY-PLANS.md"
echo "query plans written to $WORK/QUERY-PLANS.md (docs/QUERY-PLANS.md holds the committed run)"

wrk -t2 -c8 -d10s -s "$BENCH_DIR/signin.lua" "http://localhost:${port[empty]}/api/v1/auth/signin/" >/dev/null
wrk -t2 -c8 -d10s -s "$BENCH_DIR/signin.lua" "http://localhost:${port[large]}/api/v1/auth/signin/" >/dev/null
for run in $(seq 1 "$RUNS"); do
  for endpoint in signin refresh account; do
    for db in empty large; do
      case $endpoint in
        signin) out=$(wrk -t2 -c"$CONCURRENCY" -d"$DURATION" --timeout 10s -s "$BENCH_DIR/signin.lua" \
                  "http://localhost:${port[$db]}/api/v1/auth/signin/") ;;
        refresh) seed_refresh_tokens "auth_scale_$db" "$LOGIN" 100000 "$WORK/scale-tokens.txt"
                 out=$(TOKENS="$WORK/scale-tokens.txt" wrk -t2 -c"$CONCURRENCY" -d"$DURATION" --timeout 10s \
                   -s "$BENCH_DIR/refresh.lua" "http://localhost:${port[$db]}/api/v1/auth/custom-refresh/" -- 2) ;;
        account) out=$(ACCESS_TOKEN="${access[$db]}" wrk -t2 -c"$CONCURRENCY" -d"$DURATION" --timeout 10s \
                   -s "$BENCH_DIR/account.lua" "http://localhost:${port[$db]}/api/v1/account/") ;;
      esac
      echo "$endpoint $db $run $(echo "$out" | grep '^RESULT')" | tee -a "$RESULTS"
    done
  done
done

field() { sed -E "s/.* $1=([^ ]+).*/\1/"; }
{
  printf '| endpoint (c=%s) | empty req/s | large req/s | large/empty (median of per-run ratios) | p99 ms empty / large | errors |\n' "$CONCURRENCY"
  printf '|---|---|---|---|---|---|\n'
  for endpoint in signin refresh account; do
    e=$(grep "^$endpoint empty " "$RESULTS" | field rps | median)
    l=$(grep "^$endpoint large " "$RESULTS" | field rps | median)
    ratio=$(for run in $(seq 1 "$RUNS"); do
      a=$(grep "^$endpoint empty $run " "$RESULTS" | field rps); b=$(grep "^$endpoint large $run " "$RESULTS" | field rps)
      awk -v a="$a" -v b="$b" 'BEGIN {print b / a}'
    done | median)
    pe=$(grep "^$endpoint empty " "$RESULTS" | field p99_ms | median)
    pl=$(grep "^$endpoint large " "$RESULTS" | field p99_ms | median)
    errors=$(grep "^$endpoint " "$RESULTS" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^(errors|non2xx)=/) {split($i, kv, "="); s += kv[2]}} END {print s + 0}')
    printf '| %s | %.0f | %.0f | %.2f | %.1f / %.1f | %s |\n' "$endpoint" "$e" "$l" "$ratio" "$pe" "$pl" "$errors"
  done
  printf '\nLarge: %s users, %s refresh tokens. %s runs x %s per cell, medians.\n' "$USERS" "$TOKENS" "$RUNS" "$DURATION"
} | tee "$WORK/scale-summary.md"
