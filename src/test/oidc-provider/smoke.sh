#!/usr/bin/env bash
# Proves the local OpenID provider works before a browser test relies on it:
# starts it, reads discovery, walks one authorization code + PKCE flow through
# the devInteractions login page with curl and a cookie jar, redeems the code,
# checks the ID token's signature against jwks_uri and its claims, and calls
# userinfo. Exits non-zero at the first thing that is wrong.
#
# Needs node, npm, curl and python3. Codes and tokens are never printed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/provider.log" ]] && sed 's/^/  provider: /' "$work/provider.log" >&2; exit 1; }

[[ -d node_modules/oidc-provider ]] || npm ci --no-audit --no-fund >/dev/null

client_id=smoke-client
client_secret="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
# Nothing listens there: the flow stops at the redirect and reads its query.
redirect_uri=http://127.0.0.1:9/callback
login=ada@example.test

PORT=0 CLIENT_ID="$client_id" CLIENT_SECRET="$client_secret" REDIRECT_URI="$redirect_uri" \
  node provider.mjs >"$work/provider.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  grep -q '^ready ' "$work/provider.log" && break
  kill -0 "$pid" 2>/dev/null || fail "provider exited"
  sleep 0.1
done
issuer="$(awk '/^ready /{print $2; exit}' "$work/provider.log")"
[[ -n "$issuer" ]] || fail "provider did not print ready"
echo "provider: $issuer"

# Discovery.
curl -fsS "$issuer/.well-known/openid-configuration" >"$work/discovery.json" || fail "discovery"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
[[ "$(field "$work/discovery.json" issuer)" == "$issuer" ]] || fail "discovery issuer"
auth_ep="$(field "$work/discovery.json" authorization_endpoint)"
token_ep="$(field "$work/discovery.json" token_endpoint)"
jwks_uri="$(field "$work/discovery.json" jwks_uri)"
userinfo_ep="$(field "$work/discovery.json" userinfo_endpoint)"
echo "discovery: authorization_endpoint=$auth_ep token_endpoint=$token_ep jwks_uri=$jwks_uri"

# PKCE and the values the client must find again.
read -r verifier challenge state nonce < <(python3 - <<'EOF'
import base64, hashlib, secrets
v = secrets.token_urlsafe(48)
c = base64.urlsafe_b64encode(hashlib.sha256(v.encode()).digest()).rstrip(b'=').decode()
print(v, c, secrets.token_urlsafe(16), secrets.token_urlsafe(16))
EOF
)

jar="$work/cookies"
# Prints the Location of a response, absolute; empty if there is none.
location() { curl -sS -o "$work/body.html" -D - -b "$jar" -c "$jar" "$@" \
  | tr -d '\r' | awk 'tolower($1)=="location:"{print $2}' \
  | python3 -c 'import sys,urllib.parse; l=sys.stdin.read().strip(); print(urllib.parse.urljoin(sys.argv[1], l) if l else "")' "$issuer"; }
query() { python3 -c 'import sys,urllib.parse; print(urllib.parse.parse_qs(urllib.parse.urlsplit(sys.argv[1]).query).get(sys.argv[2],[""])[0])' "$1" "$2"; }

# PKCE is required: an authorization request without a challenge is refused.
next="$(location -G "$auth_ep" --data-urlencode "client_id=$client_id" --data-urlencode "redirect_uri=$redirect_uri" \
  --data-urlencode response_type=code --data-urlencode 'scope=openid email profile' --data-urlencode "state=$state")"
[[ "$(query "$next" error)" == invalid_request ]] || fail "authorization without code_challenge was not refused: $next"
echo "pkce: a request without code_challenge is refused (invalid_request)"

next="$(location -G "$auth_ep" --data-urlencode "client_id=$client_id" --data-urlencode "redirect_uri=$redirect_uri" \
  --data-urlencode response_type=code --data-urlencode 'scope=openid email profile' \
  --data-urlencode "state=$state" --data-urlencode "nonce=$nonce" \
  --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)"

# Follow redirects, filling in the login form (and the consent form, if
# AUTO_CONSENT=false) the way a person would, until back at the client.
pages=""
for _ in $(seq 1 10); do
  [[ -n "$next" ]] || fail "a response without Location"
  [[ "$next" == "$redirect_uri"* ]] && break
  after="$(location "$next")"
  if [[ -z "$after" ]]; then
    action="$(python3 -c 'import re,sys; m=re.search(r"<form[^>]*action=\"([^\"]+)\"", open(sys.argv[1]).read()); print(m.group(1) if m else "")' "$work/body.html")"
    [[ -n "$action" ]] || fail "a page that is neither a redirect nor a form: $next"
    action="$(python3 -c 'import sys,urllib.parse,html; print(urllib.parse.urljoin(sys.argv[1], html.unescape(sys.argv[2])))' "$issuer" "$action")"
    if grep -q 'name="login"' "$work/body.html"; then
      pages+="login "
      after="$(location "$action" --data-urlencode prompt=login --data-urlencode "login=$login" --data-urlencode password=anything)"
    else
      pages+="consent "
      after="$(location "$action" --data-urlencode prompt=consent)"
    fi
  fi
  next="$after"
done
[[ "$next" == "$redirect_uri"* ]] || fail "did not get back to the redirect_uri"
echo "interaction pages: ${pages:-none}"
[[ -z "$(query "$next" error)" ]] || fail "authorization error: $(query "$next" error) $(query "$next" error_description)"
[[ "$(query "$next" state)" == "$state" ]] || fail "state changed"
[[ "$(query "$next" iss)" == "$issuer" ]] || fail "iss in the authorization response"
code="$(query "$next" code)"
[[ -n "$code" ]] || fail "no code"
echo "callback: code present, state matches, iss=$issuer"

# Without the verifier the code is useless; with it, it is redeemed.
status="$(curl -sS -o /dev/null -w '%{http_code}' -u "$client_id:$client_secret" "$token_ep" \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect_uri" \
  --data-urlencode "code_verifier=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')")"
[[ "$status" == 400 ]] || fail "a wrong code_verifier got $status"
echo "pkce: a wrong code_verifier is refused (400)"
# A refused redemption may revoke the code, so a second code is needed; the
# provider remembers the session and the grant, so no page is shown again.
next="$(location -G "$auth_ep" --data-urlencode "client_id=$client_id" --data-urlencode "redirect_uri=$redirect_uri" \
  --data-urlencode response_type=code --data-urlencode 'scope=openid email profile' \
  --data-urlencode "state=$state" --data-urlencode "nonce=$nonce" \
  --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)"
for _ in $(seq 1 5); do [[ "$next" == "$redirect_uri"* ]] && break; next="$(location "$next")"; done
code="$(query "$next" code)"
[[ -n "$code" ]] || fail "no second code from the remembered session: $next"

curl -fsS -u "$client_id:$client_secret" "$token_ep" \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode "code_verifier=$verifier" \
  >"$work/token.json" || fail "token request"
curl -fsS "$jwks_uri" >"$work/jwks.json" || fail "jwks"

# Signature against jwks_uri (node's own crypto), then the claims.
node --input-type=module - "$work/token.json" "$work/jwks.json" >"$work/claims.json" <<'EOF' || fail "id_token signature"
import { readFileSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
const [tokenFile, jwksFile] = process.argv.slice(2);
const { id_token: idToken } = JSON.parse(readFileSync(tokenFile, 'utf8'));
const [h, p, s] = idToken.split('.');
const header = JSON.parse(Buffer.from(h, 'base64url'));
const jwk = JSON.parse(readFileSync(jwksFile, 'utf8')).keys.find((k) => k.kid === header.kid);
if (!jwk || header.alg !== 'RS256') process.exit(1);
const ok = verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
if (!ok) process.exit(1);
process.stdout.write(Buffer.from(p, 'base64url'));
EOF
echo "id_token: RS256 signature verified against jwks_uri"

python3 - "$work/claims.json" "$issuer" "$client_id" "$login" "$nonce" <<'EOF' || fail "id_token claims"
import json, sys, time
claims = json.load(open(sys.argv[1]))
iss, aud, login, nonce = sys.argv[2:]
shown = {k: claims.get(k) for k in ("iss", "aud", "sub", "email", "email_verified", "name")}
shown["nonce"] = "matches" if claims.get("nonce") == nonce else "DIFFERS"
print("id_token claims:", json.dumps(shown))
assert claims["iss"] == iss
assert claims["aud"] == aud
assert claims["sub"] == login and claims["email"] == login
assert claims["email_verified"] is True
assert claims["nonce"] == nonce
assert claims["exp"] > time.time() >= claims["iat"] - 5
EOF

access_token="$(field "$work/token.json" access_token)"
curl -fsS -H "Authorization: Bearer $access_token" "$userinfo_ep" >"$work/userinfo.json" || fail "userinfo"
[[ "$(field "$work/userinfo.json" email)" == "$login" ]] || fail "userinfo email"
echo "userinfo: email=$(field "$work/userinfo.json" email) email_verified=$(field "$work/userinfo.json" email_verified)"
echo "smoke: OK"
