#!/usr/bin/env bash
# The shipped forwarding settings, tested as the platforms run them: the container image behind
# real reverse proxies (nginx from Debian's packages, which appends the peer to X-Forwarded-For
# as Knative's queue-proxy and activator and Cloud Run's front end do), on 127.0.0.1. Two
# clients with addresses of their own (127.0.0.2 and 127.0.0.3, both loopback): one floods
# wrong sign-ins until it is limited, with forged X-Forwarded-For headers too; the other is
# never limited. Run by .ci/run after scripts/container-check.sh, which builds the image.
#
#   scripts/proxy-check.sh [jvm|native]
#
# Three runs of the image:
#   knative    the env of target/kubernetes/knative.yml (the manifest the build writes), behind
#              ingress -> activator -> queue-proxy, and ingress -> queue-proxy (Knative puts its
#              activator in the path only at times). The cluster's own addresses, which the
#              manifest gives as AUTH_PROXY_TRUSTED_RANGES, are the proxies' 127.0.0.1 here.
#   cloud-run  the image's own defaults behind one front end that appends the client.
#   off        forwarding turned off behind that front end: every client is one address, and
#              the service says so once in its log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export CONTAINERS_CONF="$ROOT/scripts/containers.conf"
kind=${1:-jvm}
case "$kind" in
  jvm) image=localhost/rememberizer-auth:jvm memory=512m ;;
  native) image=localhost/rememberizer-auth:native memory=256m ;;
  *) echo "usage: $0 [jvm|native]" >&2; exit 2 ;;
esac
podman image exists "$image" || { echo "no image $image: run scripts/container-check.sh $kind first" >&2; exit 1; }
work="$ROOT/target/proxy-check"
rm -rf "$work/run"
mkdir -p "$work/run"
port=18098
name=rememberizer-auth-proxy-check
fail() { echo "proxy check ($kind, $scenario): $*" >&2; podman logs "$name" 2>&1 | tail -20 >&2; exit 1; }

# nginx from Debian's package, unpacked here (not installed: no service is started).
nginx="$work/nginx/usr/sbin/nginx"
if [ ! -x "$nginx" ]; then
  (cd "$work" && apt-get download nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get download nginx >/dev/null; })
  dpkg -x "$work"/nginx_*.deb "$work/nginx"
fi

# proxy_chain NAME LISTEN_PORT UPSTREAM_PORT ...: one server per pair, each appending its peer.
nginx_pid=""
start_proxies() { # start_proxies "LISTEN UPSTREAM" ...
  local conf="$work/run/nginx.conf" pair
  {
    echo "worker_processes 1; pid $work/run/nginx.pid; error_log $work/run/nginx-error.log; daemon off;"
    echo "events { worker_connections 256; }"
    echo "http { access_log off; client_body_temp_path $work/run/body; proxy_temp_path $work/run/proxy;"
    echo "  fastcgi_temp_path $work/run/fcgi; uwsgi_temp_path $work/run/uwsgi; scgi_temp_path $work/run/scgi;"
    for pair in "$@"; do
      set -- $pair
      echo "  server { listen 127.0.0.1:$1; location / { proxy_pass http://127.0.0.1:$2; proxy_http_version 1.1;"
      echo "    proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }"
    done
    echo "}"
  } > "$conf"
  "$nginx" -p "$work/run" -c "$conf" -e "$work/run/nginx-error.log" &
  nginx_pid=$!
}
stop_proxies() { [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""; }

keys="$work/keys"
make_keys "$keys"
chmod 0644 "$keys"/*.pem
smtp_sink
run_container() { # run_container [-e NAME=VALUE...]: the image with production settings and the default limits
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman run -d --name "$name" --memory="$memory" --memory-swap="$memory" --network=host -e PORT="$port" \
    -v "$keys:/keys:ro" \
    -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=auth_proxy" \
    -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres \
    -e QUARKUS_FLYWAY_SCHEMAS=auth_proxy -e QUARKUS_FLYWAY_CLEAN_DISABLED=false -e QUARKUS_FLYWAY_CLEAN_AT_START=true \
    -e SMALLRYE_JWT_SIGN_KEY_LOCATION=/keys/private.pem -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=/keys/public.pem \
    -e AUTH_DATA_SECRET="$(data_secret)" -e AUTH_CAPTCHA_PROVIDER=disabled -e AUTH_COOKIE_SECURE=false \
    -e QUARKUS_MAILER_HOST=127.0.0.1 -e QUARKUS_MAILER_PORT="$SMTP_SINK_PORT" -e QUARKUS_MAILER_START_TLS=DISABLED \
    -e QUARKUS_MANAGEMENT_PORT=0 \
    "$@" "$image" >/dev/null
  wait_ready "http://127.0.0.1:$port/q/health/ready" 90 || fail "the container did not get ready"
}
trap 'stop_proxies; podman logs "$name" > "$work/container.log" 2>&1 || true; podman rm -f "$name" >/dev/null 2>&1 || true' EXIT

# post FROM_ADDRESS PROXY_PORT PATH JSON [curl options...]: the status of a POST sent from that address.
post() {
  local from=$1 to=$2 path=$3 body=$4; shift 4
  curl -s -o /dev/null -w '%{http_code}' --interface "$from" -X POST "http://127.0.0.1:$to/api/v1/auth/$path" \
    -H 'Content-Type: application/json' -d "$body" "$@"
}
sign_in_from() { post "$1" "$2" signin/ "{\"login\":\"$3\",\"password\":\"$4\",\"captcha\":\"c\"}" "${@:5}"; }

# The flooder (127.0.0.2) signs in wrongly, for logins of nobody's, until it is limited; the victim
# (127.0.0.3) then signs up, signs in, and mistypes its password without ever seeing a 429.
flood_and_check() { # flood_and_check FLOOD_PORT VICTIM_PORT...
  local flood=$1; shift
  local email="victim-$RANDOM$RANDOM@example.com" status limited=0 i
  for i in $(seq 1 40); do
    status=$(sign_in_from 127.0.0.2 "$flood" "nobody-$i-$RANDOM@example.com" "wrong password $i")
    case "$status" in 401) ;; 429) limited=$((limited + 1)) ;; *) fail "flood sign-in $i answered $status" ;; esac
  done
  [ "$limited" -ge 5 ] || fail "the flooder was limited $limited times in 40 wrong sign-ins (30 allowed)"
  # A forged X-Forwarded-For names whoever it likes: the proxies append the real peer after it.
  for forged in 127.0.0.3 198.51.100.7 "198.51.100.8, 127.0.0.3"; do
    status=$(sign_in_from 127.0.0.2 "$flood" "nobody-$RANDOM@example.com" "wrong" -H "X-Forwarded-For: $forged")
    [ "$status" = 429 ] || fail "the flooder escaped its limit with X-Forwarded-For: $forged ($status)"
  done
  local to
  for to in "$@"; do
    status=$(post 127.0.0.3 "$to" signup/ "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"name\":\"V\",\"captcha\":\"c\"}")
    case "$status" in 201 | 409) ;; *) fail "the victim's sign-up through :$to answered $status" ;; esac
    status=$(sign_in_from 127.0.0.3 "$to" "$email" "correct horse battery")
    [ "$status" = 204 ] || fail "the victim's sign-in through :$to answered $status"
    status=$(sign_in_from 127.0.0.3 "$to" "$email" "a typo")
    [ "$status" = 401 ] || fail "the victim's mistyped password through :$to answered $status"
  done
  # Read whole before grep: with pipefail, grep -q stopping early would fail the pipe.
  podman logs "$name" > "$work/run/service.log" 2>&1
  grep -q '127\.0\.0\.3' "$work/run/service.log" || fail "the victim's address is not in the audit log"
}

scenario=knative
manifest=target/kubernetes/knative.yml
[ -f "$manifest" ] || fail "no $manifest: run ./mvnw package first"
# The manifest's literal env values (name/value pairs; secrets and volumes are this script's own).
knative_env=()
while read -r env_name env_value; do
  case "$env_name" in QUARKUS_HTTP_PROXY_* | AUTH_PROXY_*) knative_env+=(-e "$env_name=$env_value") ;; esac
done < <(awk '/- name: /{n=$3} /value: /{if (n != "") {v=$2; gsub(/"/, "", v); print n, v; n=""}}' "$manifest")
[ "${#knative_env[@]}" -ge 8 ] || fail "the manifest gives no forwarding settings: ${knative_env[*]}"
echo "proxy check: knative manifest env: ${knative_env[*]}"
run_container "${knative_env[@]}" -e AUTH_PROXY_TRUSTED_RANGES=127.0.0.1/32
# ingress :18101 -> activator :18102 -> queue-proxy :18103 -> service; ingress' :18104 -> queue-proxy.
start_proxies "18101 18102" "18102 18103" "18103 $port" "18104 18103"
wait_ready http://127.0.0.1:18104/q/health/ready 10
flood_and_check 18101 18104 18101
stop_proxies
echo "proxy check: $kind behind Knative's proxies: each client its own address"

scenario=cloud-run
run_container
start_proxies "18105 $port"
wait_ready http://127.0.0.1:18105/q/health/ready 10
flood_and_check 18105 18105
stop_proxies
echo "proxy check: $kind with the image's defaults behind one front end: each client its own address"

scenario=off
run_container -e QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=false
start_proxies "18105 $port"
wait_ready http://127.0.0.1:18105/q/health/ready 10
for i in 1 2 3; do sign_in_from 127.0.0.3 18105 "nobody-$i@example.com" wrong >/dev/null; done
warnings=$(podman logs "$name" 2>&1 | grep -c 'a loopback or link-local peer' || true)
[ "$warnings" = 1 ] || fail "forwarding off behind a proxy: $warnings warnings, expected exactly one"
stop_proxies
echo "proxy check: $kind with forwarding off behind a proxy says once that every client is one address"
