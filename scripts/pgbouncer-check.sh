#!/usr/bin/env bash
# The full flow through PgBouncer in transaction pooling mode, as many small instances would
# reach one PostgreSQL: starts PgBouncer (Debian package) on 127.0.0.1:6433 in front of the
# local PostgreSQL, creates the database auth_pgbouncer, starts two instances of the packaged
# service on it, and plays the seed flow on both, plus a reuse check across them.
# Run by .ci/run after the tests.
#
#   scripts/pgbouncer-check.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
root=$ROOT
work="$root/target/pgbouncer"
port=${PGBOUNCER_PORT:-6433}
rm -rf "$work" && mkdir -p "$work"

need pgbouncer pgbouncer
build_jar

# PgBouncer refuses to run as root; it runs as postgres, with a configuration of its own.
# What postgres reads and writes lives outside the clone, whose path postgres may not be able
# to traverse (a clone under a 0700 home directory): a directory of its own under /tmp,
# removed at exit (its log is copied to $work first).
pgb=$(mktemp -d /tmp/pgbouncer-check.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$pgb/pgbouncer.pid" ] && kill "$(cat "$pgb/pgbouncer.pid")" 2>/dev/null || true
  cp "$pgb/pgbouncer.log" "$work/" 2>/dev/null || true
  rm -rf "$pgb"
}
trap cleanup EXIT
cat > "$pgb/pgbouncer.ini" <<INI
[databases]
auth_pgbouncer = host=127.0.0.1 port=5432 dbname=auth_pgbouncer
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $pgb/userlist.txt
pool_mode = transaction
max_client_conn = 200
default_pool_size = 10
logfile = $pgb/pgbouncer.log
pidfile = $pgb/pgbouncer.pid
INI
echo '"postgres" ""' > "$pgb/userlist.txt"
chmod 0644 "$pgb/pgbouncer.ini" "$pgb/userlist.txt"
chmod 0755 "$pgb"
chown postgres "$pgb"
runuser -u postgres -- pgbouncer -d "$pgb/pgbouncer.ini"

psql -h 127.0.0.1 -U postgres -d postgres -qAt -c "DROP DATABASE IF EXISTS auth_pgbouncer" \
  -c "CREATE DATABASE auth_pgbouncer"

make_keys "$work"

# Behind a transaction pooler: no server-side prepared statements (prepareThreshold=0), and
# no session state (the service uses none: no SET, no session advisory lock; Flyway takes a
# transaction-level lock).
start() {
  env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$port/auth_pgbouncer?prepareThreshold=0" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    SMALLRYE_JWT_SIGN_KEY_LOCATION="$work/private.pem" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/public.pem" \
    AUTH_DATA_SECRET="$(data_secret)" AUTH_CAPTCHA_PROVIDER=disabled AUTH_COOKIE_SECURE=false AUTH_REFRESH_REUSE_GRACE=PT2S \
    QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_SINK_PORT" QUARKUS_MAILER_START_TLS=DISABLED QUARKUS_MANAGEMENT_PORT=0 \
    PORT="$1" java -jar target/quarkus-app/quarkus-run.jar > "$work/service-$1.log" 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$1/q/health/ready" 60 "$!" || { tail -30 "$work/service-$1.log"; return 1; }
}
smtp_sink
start 18096
start 18097

GRACE_SECONDS=2 scripts/seed-flow.sh http://127.0.0.1:18096
GRACE_SECONDS=2 scripts/seed-flow.sh http://127.0.0.1:18097

# A token rotated on one instance and replayed on the other, through the pooler.
email="pgb-$RANDOM@example.com"
sign_up http://127.0.0.1:18096 "$email" secure_password
old=$(sign_in_cookie http://127.0.0.1:18096 "$email" secure_password refresh_token)
curl -fs -o /dev/null -X POST http://127.0.0.1:18096/api/v1/auth/custom-refresh/ -b "refresh_token=$old"
sleep 3
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:18097/api/v1/auth/custom-refresh/ -b "refresh_token=$old")
[ "$status" = 401 ] || { echo "FAIL: replay on the other instance gave $status"; exit 1; }
if grep -E "ERROR|prepared statement" "$work"/service-*.log | grep -v "Unexpected failure: none" ; then
  echo "FAIL: errors in the service logs"; exit 1
fi
echo "pgbouncer check: the flow works through PgBouncer in transaction pooling mode"
