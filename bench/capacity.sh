#!/usr/bin/env bash
# The database work of each request type, for docs/CAPACITY.md: N requests of one type, one after
# another, against the packaged service on a schema of its own, and what PostgreSQL did for them:
#   statements   lines "statement:"/"execute" that the service's own connections logged (its JDBC URL
#                turns log_statement=all on for its sessions only), including BEGIN and COMMIT
#   commits      transactions that changed something (COMMITs in the WAL of the service's relations)
#   rows         inserted, updated (HOT or not) and deleted, from pg_stat_user_tables of the schema
#   WAL bytes    of the records touching the schema's relations, and their commit records
#                (pg_waldump over the LSN range, filtered by relfilenode: the cluster is shared, so
#                the bare pg_current_wal_lsn() delta would count other users' writes too)
# Types: signup (with the verification mail sent by the outbox), signin, refresh, account, logout,
# verify (a wrong code: the attempt is counted). Prints a table; also target/bench/capacity.md.
#
#   bench/capacity.sh      (N=100; needs root to read the WAL and the server log)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
need psql postgresql-client
N=${N:-100}
PORT=${PORT:-18097}
SCHEMA=auth_capacity
BASE="http://127.0.0.1:$PORT"
PGLOG=${PGLOG:-$(ls /var/log/postgresql/postgresql-*-main.log | tail -n 1)}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
PGDATA=${PGDATA:-$(psql_local -c 'show data_directory')}
OUTF="$WORK/capacity.md"
json='Content-Type: application/json'

build_jar
service_env "$SCHEMA"
SERVICE_ENV+=("QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA&ApplicationName=auth-capacity&options=-c%20log_statement%3Dall")
env "${SERVICE_ENV[@]}" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true PORT="$PORT" \
  AUTH_LIMITS_SIGNUPS_PER_ADDRESS=100000000 AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS=100000000 \
  AUTH_LIMITS_SIGNIN_FAILURES_PER_ACCOUNT=100000000 AUTH_LIMITS_CAPTCHA_CHECKS_PER_ADDRESS=100000000 \
  AUTH_LIMITS_CODE_MAIL_INTERVAL=PT0S AUTH_LIMITS_CODE_MAILS_PER_HOUR=100000 AUTH_LIMITS_CODE_MAILS_PER_DAY=100000 \
  java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/capacity-service.log" 2>&1 &
SERVICE_PID=$!
trap stop_service EXIT
wait_ready "$BASE/q/health/ready" 120 "$SERVICE_PID"
sign_up "$BASE" cap@example.com "correct horse battery"
sleep 3

filenodes() {
  psql_local -c "SELECT pg_relation_filenode(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = '$SCHEMA' AND pg_relation_filenode(c.oid) IS NOT NULL
    UNION SELECT pg_relation_filenode(t.reltoastrelid) FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = '$SCHEMA' AND t.reltoastrelid <> 0"
}
rows() { psql_local -c "SELECT coalesce(sum(n_tup_ins),0) || ' ' || coalesce(sum(n_tup_upd),0) || ' ' || coalesce(sum(n_tup_hot_upd),0) || ' ' || coalesce(sum(n_tup_del),0)
  FROM pg_stat_user_tables WHERE schemaname = '$SCHEMA'"; }
lsn() { psql_local -c 'SELECT pg_current_wal_lsn()'; }
flush_stats() { sleep 1; psql_local -c 'SELECT pg_stat_force_next_flush()' >/dev/null 2>&1 || true; }
our_pids() { psql_local -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'auth-capacity'" | paste -sd'|'; }

# measure TYPE COMMAND...: runs COMMAND (N requests), prints the per-request figures.
measure() {
  local type=$1; shift
  flush_stats
  local r1 l1 log1; r1=$(rows); l1=$(lsn); log1=$(wc -c < "$PGLOG")
  "$@"
  sleep 3 # the outbox round after sign-up sends its mail; the statistics reach the views
  flush_stats
  local r2 l2; r2=$(rows); l2=$(lsn)
  psql_local -c 'SELECT pg_switch_wal()' >/dev/null 2>&1 || true
  local pids; pids=$(our_pids)
  local statements
  statements=$(tail -c +"$((log1 + 1))" "$PGLOG" | grep -E "\[($pids)\] " | grep -cE 'LOG:  (statement|execute)' || true)
  local wal
  wal=$("$PGBIN/pg_waldump" -p "$PGDATA/pg_wal" -s "$l1" -e "$l2" 2>/dev/null | python3 -c '
import re, sys
nodes = set(sys.argv[1].split())
recs = []
txs = set()
for line in sys.stdin:
    m = re.search(r"len \(rec/tot\):\s*\d+/\s*(\d+), tx:\s*(\d+)", line)
    if not m:
        continue
    size, tx = int(m.group(1)), m.group(2)
    rels = re.findall(r"rel \d+/\d+/(\d+)", line)
    recs.append((size, tx, rels, "COMMIT" in line))
    if any(r in nodes for r in rels):
        txs.add(tx)
total = sum(s for s, tx, rels, c in recs if any(r in nodes for r in rels) or (c and tx in txs))
commits = sum(1 for s, tx, rels, c in recs if c and tx in txs)
print(total, commits)' "$(filenodes | tr '\n' ' ')")
  read -r i1 u1 h1 d1 <<< "$r1"; read -r i2 u2 h2 d2 <<< "$r2"; read -r walb commits <<< "$wal"
  awk -v t="$type" -v n="$N" -v s="$statements" -v c="$commits" -v i=$((i2 - i1)) -v u=$((u2 - u1)) -v h=$((h2 - h1)) \
      -v d=$((d2 - d1)) -v w="$walb" \
    'BEGIN {printf "| %s | %.1f | %.1f | %.1f | %.1f (%.1f HOT) | %.1f | %.0f |\n", t, s / n, c / n, i / n, u / n, h / n, d / n, w / n}'
}

signups() { for i in $(seq 1 "$N"); do sign_up "$BASE" "cap$i-$RANDOM@example.com" "correct horse battery"; done; }
signins() { for i in $(seq 1 "$N"); do
  curl -fs -o /dev/null -X POST "$BASE/api/v1/auth/signin/" -H "$json" \
    -d '{"login":"cap@example.com","password":"correct horse battery","captcha":"cap"}'; done; }
headers="$WORK/capacity-headers.txt"
curl -fs -o /dev/null -D "$headers" -X POST "$BASE/api/v1/auth/signin/" -H "$json" \
  -d '{"login":"cap@example.com","password":"correct horse battery","captcha":"cap"}'
ACCESS=$(cookie access_token "$headers")
refreshes() { for i in $(seq 1 "$N"); do
  curl -fs -o /dev/null -D "$headers" -X POST "$BASE/api/v1/auth/custom-refresh/" -H "Cookie: refresh_token=$(cookie refresh_token "$headers")"; done; }
accounts() { for i in $(seq 1 "$N"); do curl -fs -o /dev/null "$BASE/api/v1/account/" -H "Authorization: Bearer $ACCESS"; done; }
seed_refresh_tokens "$SCHEMA" cap@example.com "$N" "$WORK/capacity-tokens.txt"
logouts() { while read -r token; do
  curl -fs -o /dev/null -X POST "$BASE/api/v1/auth/custom-logout/" -H "Cookie: refresh_token=$token"; done < "$WORK/capacity-tokens.txt"; }
# verify-email: one wrong code from each of N fresh accounts (a right code is not readable here: the
# mock mailer keeps it); a right one does the same reads plus the account's and the code's update.
: > "$WORK/capacity-access.txt"
for i in $(seq 1 "$N"); do
  curl -fs -o /dev/null -D "$headers" -X POST "$BASE/api/v1/auth/signup/" -H "$json" \
    -d "{\"email\":\"verify$i-$RANDOM@example.com\",\"password\":\"correct horse battery\",\"name\":\"Cap\",\"captcha\":\"cap\"}"
  cookie access_token "$headers" >> "$WORK/capacity-access.txt"
done
verifies() { while read -r access; do
  curl -s -o /dev/null -X POST "$BASE/api/v1/auth/verify-email/" -H "$json" -H "Authorization: Bearer $access" \
    -d '{"verification_code":"000000"}'; done < "$WORK/capacity-access.txt"; }

{
  printf '| request (N = %s each) | statements | commits | rows inserted | rows updated | rows deleted | WAL bytes |\n' "$N"
  printf '|---|---|---|---|---|---|---|\n'
  measure "sign-up (and its mail)" signups
  measure sign-in signins
  measure refresh refreshes
  measure "account (GET)" accounts
  measure logout logouts
  measure "verify-email (wrong code)" verifies
} | tee "$OUTF"
