#!/usr/bin/env bash
# Drives the public page's curl examples against a running service and checks each answer:
# sign-up, sign-in, refresh with the cookie from sign-in, logout; then a refresh token
# replayed after the reuse grace window, which must be refused and kill its session.
#
#   scripts/seed-flow.sh [BASE_URL]        (default http://localhost:8080)
#   GRACE_SECONDS=10 CAPTCHA=recaptcha_response scripts/seed-flow.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
base=${1:-http://localhost:8080}
grace=${GRACE_SECONDS:-10}
captcha=${CAPTCHA:-recaptcha_response}
email="seed-$(date +%s)-$RANDOM@example.com"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
# status METHOD PATH [curl args...]: prints the status; headers go to $work/headers.
status() {
  local path=$1; shift
  curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' -X POST "$base$path" "$@"
}
expect() { [ "$1" = "$2" ] || fail "$3: expected $2, got $1 ($(cat "$work/body"))"; echo "ok   $3 -> $1"; }

s=$(status /api/v1/auth/signup/ -H "Content-Type: application/json" \
  -d "{\"email\": \"$email\", \"password\": \"secure_password\", \"name\": \"John Doe\", \"captcha\": \"$captcha\"}")
expect "$s" 201 "sign-up"

s=$(status /api/v1/auth/signin/ -H "Content-Type: application/json" \
  -d "{\"login\": \"$email\", \"password\": \"secure_password\", \"captcha\": \"$captcha\"}")
expect "$s" 204 "sign-in"
refresh=$(cookie refresh_token "$work/headers")
[ -n "$refresh" ] || fail "sign-in set no refresh_token cookie"

s=$(status /api/v1/auth/custom-refresh/ -b "refresh_token=$refresh")
expect "$s" 204 "refresh with the cookie from sign-in"
rotated=$(cookie refresh_token "$work/headers")

s=$(status /api/v1/auth/custom-logout/ -b "refresh_token=$rotated")
expect "$s" 204 "logout"
s=$(status /api/v1/auth/custom-refresh/ -b "refresh_token=$rotated")
expect "$s" 401 "refresh after logout"

# Reuse detection: rotate, outwait the grace window, replay the old token.
s=$(status /api/v1/auth/signin/ -H "Content-Type: application/json" \
  -d "{\"login\": \"$email\", \"password\": \"secure_password\", \"captcha\": \"$captcha\"}")
expect "$s" 204 "sign-in again"
old=$(cookie refresh_token "$work/headers")
s=$(status /api/v1/auth/custom-refresh/ -b "refresh_token=$old")
expect "$s" 204 "rotate"
current=$(cookie refresh_token "$work/headers")
echo "     waiting $((grace + 1)) s for the reuse grace window to pass"
sleep $((grace + 1))
s=$(status /api/v1/auth/custom-refresh/ -b "refresh_token=$old")
expect "$s" 401 "replay after the grace window"
grep -q '"refresh_token_reused"' "$work/body" || fail "replay: expected code refresh_token_reused"
s=$(status /api/v1/auth/custom-refresh/ -b "refresh_token=$current")
expect "$s" 401 "the session's current token after the replay"
echo "seed flow: all steps behaved as the page says"
