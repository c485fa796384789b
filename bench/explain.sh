#!/usr/bin/env bash
# The plans of the service's hot queries on a schema (bench/scale.sh passes the seeded one),
# as Markdown: EXPLAIN (ANALYZE, BUFFERS) of each statement as the service sends it, inside a
# transaction that is rolled back, so nothing changes.
#
#   bench/explain.sh SCHEMA > docs/QUERY-PLANS.md
set -euo pipefail
schema=${1:?schema}
login=${LOGIN:-user500000@scale.test}
psql_q() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "SET search_path TO $schema; $1"; }

counts=$(psql_q "SELECT (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM sessions) || ' sessions, '
  || (SELECT count(*) FROM refresh_tokens) || ' refresh tokens, ' || (SELECT count(*) FROM rate_limits) || ' rate-limit rows'")
user_id=$(psql_q "SELECT id FROM users WHERE email_key = '$login'")
session_id=$(psql_q "SELECT id FROM sessions WHERE user_id = '$user_id' LIMIT 1")
token_hash=$(psql_q "SELECT encode(token_hash, 'hex') FROM refresh_tokens WHERE session_id = '$session_id' LIMIT 1")

plan() {  # plan TITLE WHY SQL
  echo "## $1"
  echo
  echo "$2"
  echo
  echo '```sql'
  echo "$3"
  echo '```'
  echo
  echo '```'
  psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt <<SQL
SET search_path TO $schema;
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $3;
ROLLBACK;
SQL
  echo '```'
  echo
}

cat <<HEAD
# Query plans of the hot paths

Made by \`bench/explain.sh\` (run by \`bench/scale.sh\`) on a schema holding $counts,
on PostgreSQL $(psql -h 127.0.0.1 -U postgres -d postgres -qAt -c 'SHOW server_version'). Each statement is the one the
service sends, run with \`EXPLAIN (ANALYZE, BUFFERS)\` in a transaction that is rolled back.
What to look for: an \`Index Scan\` or \`Index Only Scan\` on every lookup, a handful of
buffers, and times in microseconds, whatever the table sizes.

HEAD

plan "Sign-in: the account by e-mail, in any case" \
  "The login is lower-cased in Java and looked up on \`email_key\` (unique index \`users_email_key_unique\`)." \
  "SELECT u.id, u.email, u.email_key, u.email_verified, u.name, u.password_hash, u.created_at FROM users u WHERE u.email_key = '$login'"

plan "Refresh: the token, its session and its account, locked" \
  "One round trip: unique index on \`token_hash\`, then the primary keys of \`sessions\` and \`users\`." \
  "SELECT t.id, t.expires_at, t.rotated_at, s.id, s.expires_at, s.revoked_at, u.id, u.email, u.email_verified
FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
WHERE t.token_hash = decode('$token_hash', 'hex') FOR UPDATE OF t, s"

plan "Refresh: rotation (mark the old token, insert the new one)" \
  "Primary-key update and an insert into the indexed table." \
  "WITH rotated AS (UPDATE refresh_tokens SET rotated_at = now() WHERE id = (SELECT id FROM refresh_tokens WHERE token_hash = decode('$token_hash', 'hex')) AND rotated_at IS NULL)
INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at)
VALUES (gen_random_uuid(), '$session_id', sha256('explain'), now(), now() + interval '14 days')"

plan "Logout and reuse: the session by id, locked" \
  "Primary key of \`sessions\`." \
  "SELECT id, user_id, created_at, expires_at, revoked_at, revoke_reason FROM sessions WHERE id = '$session_id' FOR UPDATE"

plan "Account: the user by id" \
  "Primary key of \`users\`." \
  "SELECT id, email, name, email_verified, created_at FROM users WHERE id = '$user_id'"

plan "Rate limits: count a hit (atomic upsert)" \
  "Primary key of \`rate_limits\` (the bucket)." \
  "INSERT INTO rate_limits AS r (bucket, window_start, hits) VALUES ('signin-account:$login', now(), 1)
ON CONFLICT (bucket) DO UPDATE SET
  window_start = CASE WHEN r.window_start <= now() - make_interval(secs => 900) THEN now() ELSE r.window_start END,
  hits = CASE WHEN r.window_start <= now() - make_interval(secs => 900) THEN 1 ELSE r.hits + 1 END
RETURNING r.hits"

plan "Rate limits: check a bucket" \
  "Primary key of \`rate_limits\`." \
  "SELECT hits FROM rate_limits WHERE bucket = 'signin-account:$login' AND window_start > now() - make_interval(secs => 900)"

plan "Outbox: the next due mail" \
  "Partial index \`mail_outbox_due_idx\` on \`next_attempt_at\` where \`sent_at IS NULL\`: sent mail never enters it." \
  "SELECT * FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED"

plan "Housekeeping: one batch of expired refresh tokens" \
  "Index \`refresh_tokens_expires_at_idx\`; at most one batch of rows, skipping rows others hold." \
  "DELETE FROM refresh_tokens WHERE id IN (SELECT id FROM refresh_tokens WHERE expires_at < now() - interval '7 days' LIMIT 1000 FOR UPDATE SKIP LOCKED)"

plan "Housekeeping: one batch of expired sessions" \
  "Index \`sessions_expires_at_idx\`." \
  "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() - interval '7 days' LIMIT 1000 FOR UPDATE SKIP LOCKED)"
