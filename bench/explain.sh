#!/usr/bin/env bash
# The plans of the service's hot statements on a schema (bench/scale.sh passes the seeded
# one), as Markdown on stdout: EXPLAIN (ANALYZE, BUFFERS) of each statement in bench/sql/,
# inside a transaction that is rolled back, so nothing changes. The statements are the
# service's own: QueryPlanStatementsTest fails when one of them is not a statement the
# service sends. Each file starts with two comment lines, the title and what to look for;
# its :name parameters are psql variables, set below from rows of the schema.
#
#   bench/explain.sh SCHEMA > target/bench/QUERY-PLANS.md
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
schema=${1:?schema}
login=${LOGIN:-user500000@scale.test}
q() { psql_local -c "SET search_path TO $schema; $1"; }

counts=$(q "SELECT (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM sessions) || ' sessions, '
  || (SELECT count(*) FROM refresh_tokens) || ' refresh tokens, ' || (SELECT count(*) FROM rate_limits) || ' rate-limit rows'")
user_id=$(q "SELECT id FROM users WHERE email_key = '$login'")
session_id=$(q "SELECT id FROM sessions WHERE user_id = '$user_id' LIMIT 1")
token_id=$(q "SELECT id FROM refresh_tokens WHERE session_id = '$session_id' LIMIT 1")
token_hash=$(q "SELECT encode(token_hash, 'hex') FROM refresh_tokens WHERE id = '$token_id'")
vars=(-v "login='$login'" -v "user_id='$user_id'" -v "session_id='$session_id'"
  -v "hash=decode('$token_hash', 'hex')" -v "rotated='$token_id'" -v "id=gen_random_uuid()"
  -v "session='$session_id'" -v "new_hash=sha256('explain')" -v "now=now()" -v "expires=now() + interval '14 days'"
  -v "sealed=NULL" -v "user_agent='curl/8.5.0'" -v "ip='203.0.113.7'"
  -v "bucket='signin-account:$login'" -v "window=900" -v "limit=1" -v "one=1" -v "cutoff=now() - interval '7 days'" -v "batch=1000")

cat <<HEAD
# Query plans of the hot paths

Made by \`bench/explain.sh\` (run by \`bench/scale.sh\`) on a schema holding $counts,
on PostgreSQL $(psql_local -c 'SHOW server_version'). Each statement is one the service sends
(\`bench/sql/\`, checked against the service by \`QueryPlanStatementsTest\`), run with
\`EXPLAIN (ANALYZE, BUFFERS)\` in a transaction that is rolled back. What to look for: an
\`Index Scan\` or \`Index Only Scan\` on every lookup, a handful of buffers, and times in
microseconds, whatever the table sizes.

HEAD

for file in "$BENCH_DIR"/sql/*.sql; do
  title=$(sed -n '1s/^-- //p' "$file")
  why=$(sed -n '2s/^-- //p' "$file")
  statement=$(grep -v '^--' "$file")
  printf '## %s\n\n%s\n\n```sql\n%s\n```\n\n```\n' "$title" "$why" "$statement"
  psql_local "${vars[@]}" <<SQL
SET search_path TO $schema;
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $statement;
ROLLBACK;
SQL
  printf '```\n\n'
done
