#!/usr/bin/env bash
# Builds a container image of the service with podman from a base image made here (no registry
# is reachable from the development machines), starts it against the local PostgreSQL under a
# memory limit, drives sign-up -> sign-in -> refresh -> logout (and a replayed refresh token)
# through the port on 127.0.0.1 (host network), then floods it with 64 concurrent sign-ins and
# fails on an OOM kill, an error answer or a process that died, and stops it with SIGTERM, which
# must end in an orderly shutdown. Run by .ci/run after the tests;
# needs root (rootful podman).
#
#   scripts/container-check.sh [jvm]    the JVM image (Java 25, its AOT cache recorded during
#                                       the build, src/main/docker/jvm.options) under --memory=512m
#   scripts/container-check.sh native   the native executable (target/*-runner, built by
#                                       ./mvnw package -Dnative) in src/main/docker/Dockerfile.native-micro
#                                       under --memory=256m
#   (CONTAINER_PORT=18095, CONTAINER_NAME, CONTAINER_SCHEMA=auth_container and IMAGE_TAG keep
#    two runs on one machine apart; FLOOD=20s; COMPARE_UNLIMITED=RUNS also floods a container without the memory limit, RUNS
#    times each in turn, and prints both throughputs; IMPORTED_ACCOUNTS=3 users of each kind of
#    imported hash at its cap are imported and signed in at once, for jvm, and for native with
#    IMPORTED_CHECK=1)
#
# What it builds, and what it keeps between runs:
#   podman image localhost/rememberizer-auth-base:bookworm   Debian bookworm minbase (debootstrap), kept
#   target/container/jre25                                   jlink'ed from $JDK25 (Temurin 25), kept
#   podman image localhost/rememberizer-auth-runtime:25      base + that runtime, rebuilt (layer cache)
#   target/container/build                                   a copy of the sources, packaged as the
#                                                            aot-jar with JDK 25, its app.aot recorded
#                                                            by scripts/aot-train.sh with the runtime
#   podman image localhost/rememberizer-auth:jvm             the application image
# and for native:
#   podman image localhost/rememberizer-auth-micro:libc6-V   glibc, libgcc and zlib from Debian's
#                                                            packages, a non-root user, /tmp: no shell
#   podman image localhost/rememberizer-auth:native          the application image
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
started=$(date +%s)
work="$ROOT/target/container"
mkdir -p "$work"
export CONTAINERS_CONF="$ROOT/scripts/containers.conf"
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
base=localhost/rememberizer-auth-base:bookworm
runtime=localhost/rememberizer-auth-runtime:25
kind=${1:-jvm}
case "$kind" in
  jvm) image=localhost/rememberizer-auth:${IMAGE_TAG:-jvm} memory=512m ;;
  native) image=localhost/rememberizer-auth:${IMAGE_TAG:-native} memory=256m ;;
  *) echo "usage: $0 [jvm|native]" >&2; exit 2 ;;
esac
port=${CONTAINER_PORT:-18095}
name=${CONTAINER_NAME:-rememberizer-auth-check}
schema=${CONTAINER_SCHEMA:-auth_container}
FLOOD=${FLOOD:-20s}
step() { echo "container check: $* ($(( $(date +%s) - started )) s)"; }

missing=""
for tool in podman debootstrap runc openssl wrk; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman debootstrap runc uidmap openssl wrk >/dev/null
fi
[ -x "$JDK25/bin/jlink" ] || { echo "no JDK 25 at $JDK25 (set JDK25)" >&2; exit 1; }

# The native image: the executable of ./mvnw package -Dnative on a base of the few Debian
# packages it links against (ldd: libc, libm, libz; libgcc_s for unwinding), no shell, no
# package manager. Made from the .deb files with dpkg-deb, so nothing of the host leaks in.
build_native_image() {
  # The base is tagged with the glibc it holds, so a security update of the host's makes a new one.
  local runner micro
  micro=localhost/rememberizer-auth-micro:libc6-$(dpkg-query -W -f='${Version}' libc6 | tr -c 'A-Za-z0-9.\n_-' '_')
  runner=$(ls "$ROOT"/target/*-runner 2>/dev/null | head -n 1 || true)
  [ -x "$runner" ] || { echo "no native executable in target/: build it with ./mvnw package -Dnative" >&2; exit 1; }
  if ! podman image exists "$micro"; then
    local rootfs="$work/micro-rootfs" debs="$work/micro-debs"
    rm -rf "$rootfs" "$debs" && mkdir -p "$rootfs" "$debs"
    (cd "$debs" && apt-get download libc6 libgcc-s1 zlib1g > /dev/null 2>&1) \
      || { apt-get update -qq && (cd "$debs" && apt-get download libc6 libgcc-s1 zlib1g > /dev/null); }
    for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
    # What a process needs and the packages do not bring: a user, a writable /tmp. The
    # documentation, locales and the gconv modules (iconv; Java has its own charsets) go.
    rm -rf "$rootfs"/usr/share/doc "$rootfs"/usr/share/lintian "$rootfs"/usr/share/locale "$rootfs"/usr/lib/x86_64-linux-gnu/gconv
    mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/work"
    chmod 1777 "$rootfs/tmp"
    printf 'root:x:0:0:root:/root:/sbin/nologin\nauth:x:1001:0:auth:/work:/sbin/nologin\n' > "$rootfs/etc/passwd"
    printf 'root:x:0:\n' > "$rootfs/etc/group"
    tar -C "$rootfs" -c . | podman import - "$micro" >/dev/null
    rm -rf "$rootfs" "$debs"
    step "micro base image made ($(podman image inspect --format '{{.Size}}' "$micro" | awk '{printf "%d", $1 / 1048576}') MiB)"
  fi
  rm -rf "$work/native" && mkdir -p "$work/native/target"
  cp "$runner" "$work/native/target/"
  podman build -q -f src/main/docker/Dockerfile.native-micro --build-arg BASE_IMAGE="$micro" -t "$image" "$work/native" >/dev/null
  step "native image built ($(podman image inspect --format '{{.Size}}' "$image" | awk '{printf "%d", $1 / 1048576}') MiB)"
}

build_jvm_image() {
  # 1. The base image: Debian bookworm (minbase), no Java.
  if ! podman image exists "$base"; then
    rootfs="$work/rootfs"
    rm -rf "$rootfs"
    mirror=$(grep -m1 -oE 'https?://[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
      | head -n 1 | cut -d: -f2- || true)
    debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" \
      > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
    rm -rf "$rootfs"
    step "base image made"
  fi

  # 2. The Java 25 runtime: the modules the application's jars use (jdeps), and those reached only by
  #    reflection or service loading (JMX and com.sun.management for metrics, JNDI and DNS, SASL/GSS for
  #    the JDBC driver, JFR, zipfs, charsets). The AOT cache is recorded with this very runtime below.
  modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.attach,jdk.charsets,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
  if [ ! -x "$work/jre25/bin/java" ] || [ "$(cat "$work/jre25.modules" 2>/dev/null)" != "$modules" ]; then
    rm -rf "$work/jre25"
    "$JDK25/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --generate-cds-archive --output "$work/jre25"
    echo "$modules" > "$work/jre25.modules"
    step "Java 25 runtime linked ($(du -sm "$work/jre25" | cut -f1) MiB)"
  fi
  printf 'FROM %s\nCOPY jre25 /opt/java\nENV PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' "$base" > "$work/Dockerfile.runtime"
  podman build -q -f "$work/Dockerfile.runtime" -t "$runtime" "$work" >/dev/null

  # 3. The aot-jar, built with JDK 25 from a copy of the sources (target/quarkus-app stays as it was),
  #    and its AOT cache, recorded by one training run with the image's runtime and options.
  build="$work/build"
  if [ -z "${REUSE_BUILD:-}" ] || [ ! -f "$build/target/quarkus-app/quarkus-run.jar" ]; then
    rm -rf "$build" && mkdir -p "$build"
    tar -c pom.xml mvnw .mvn src | tar -x -C "$build"
    (cd "$build" && JAVA_HOME="$JDK25" ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.aot.enabled=true \
      > "$work/build.log" 2>&1) || { tail -30 "$work/build.log"; exit 1; }
    step "aot-jar built"
  fi
  cp src/main/docker/Dockerfile.jvm src/main/docker/jvm.options "$build/src/main/docker/"
  WORK="$work" scripts/aot-train.sh "$build/target/quarkus-app" "$work/jre25/bin/java" "@$ROOT/src/main/docker/jvm.options"
  step "AOT cache recorded"

  # 4. The application image.
  podman build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$runtime" -t "$image" "$build" >/dev/null
  step "image built"
}

if [ "$kind" = native ]; then build_native_image; else build_jvm_image; fi

# 5. Keys for this run, and the container on the host's network under 512 MiB: it reaches
#    PostgreSQL on 127.0.0.1 and serves on 127.0.0.1:$port, so every packet stays on loopback.
#    AOT_MODE=on: the JVM refuses to start if it cannot use the cache.
keys="$work/keys"
make_keys "$keys"
chmod 0644 "$keys"/*.pem
smtp_sink
# What every container of the service here is given: the host's network, the keys, the local
# PostgreSQL on a schema of its own, production settings with the limits out of the way.
container_env=(--network=host -e PORT="$port"
  -v "$keys:/keys:ro"
  -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$schema"
  -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres
  -e QUARKUS_FLYWAY_SCHEMAS="$schema"
  -e SMALLRYE_JWT_SIGN_KEY_LOCATION=/keys/private.pem -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=/keys/public.pem
  -e AUTH_DATA_SECRET="$(data_secret)"
  -e AUTH_CAPTCHA_PROVIDER=disabled -e AUTH_COOKIE_SECURE=false -e AUTH_REFRESH_REUSE_GRACE=PT2S
  -e AUTH_LIMITS_SIGNIN_FAILURES_PER_ACCOUNT=100000000 -e AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS=100000000
  -e AUTH_LIMITS_CAPTCHA_CHECKS_PER_ADDRESS=100000000
  -e QUARKUS_MAILER_HOST=127.0.0.1 -e QUARKUS_MAILER_PORT="$SMTP_SINK_PORT" -e QUARKUS_MAILER_START_TLS=DISABLED
  -e QUARKUS_MANAGEMENT_PORT=0 -e AOT_MODE=on)
run_container() { # run_container NAME [podman options...]
  local cname=$1; shift
  podman rm -f "$cname" >/dev/null 2>&1 || true
  podman run -d --name "$cname" "$@" "${container_env[@]}" \
    -e QUARKUS_FLYWAY_CLEAN_DISABLED=false -e QUARKUS_FLYWAY_CLEAN_AT_START=true \
    "$image" >/dev/null
  wait_ready "http://127.0.0.1:$port/q/health/ready" 90 || { podman logs "$cname" | tail -30; exit 1; }
}
trap 'podman logs "$name" > "$work/container.log" 2>&1 || true; podman rm -f "$name" >/dev/null 2>&1 || true' EXIT
run_container "$name" --memory="$memory" --memory-swap="$memory"
step "container ready"

# 6. The flow, through the container's port.
GRACE_SECONDS=2 scripts/seed-flow.sh "http://127.0.0.1:$port"
echo "container check: the $kind image serves the whole flow"

# 7. A sign-in flood: 64 clients for $FLOOD, the resident memory of the JVM sampled every 200 ms.
#    Fails on any error or non-2xx answer, an OOM kill, or a container that stopped.
flood() { # flood CONTAINER: prints "rps=... p50_ms=... p99_ms=... errors=... peak_rss_mib=... idle_rss_mib=..."
  local cname=$1 pid rss="$work/rss-flood.txt"
  pid=$(podman inspect --format '{{.State.Pid}}' "$cname")
  sign_up "http://127.0.0.1:$port" flood@example.com "correct horse battery" || true
  curl -fs -o /dev/null -X POST "http://127.0.0.1:$port/api/v1/auth/signin/" -H 'Content-Type: application/json' \
    -d '{"login":"flood@example.com","password":"correct horse battery","captcha":"flood"}'
  sleep 3
  local idle; idle=$(rss_kib "$pid")
  : > "$rss"
  sample_rss "$pid" "$rss" & local sampler=$!
  local out
  out=$(sed 's/bench@example.com/flood@example.com/' "$BENCH_DIR/signin.lua" > "$work/flood.lua" \
    && cd "$ROOT" && wrk -t2 -c64 -d"$FLOOD" --timeout 30s -s "$work/flood.lua" "http://localhost:$port/api/v1/auth/signin/" \
    | grep '^RESULT')
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  echo "$out" | sed -E 's/^RESULT //' | tr '\n' ' '
  echo "peak_rss_mib=$(( $(max_of "$rss") / 1024 )) idle_rss_mib=$(( idle / 1024 ))"
}
check_flood() { # check_flood CONTAINER RESULT
  local errors non2xx
  errors=$(echo "$2" | sed -E 's/.*errors=([0-9]+).*/\1/'); non2xx=$(echo "$2" | sed -E 's/.*non2xx=([0-9]+).*/\1/')
  if [ "$(podman inspect --format '{{.State.OOMKilled}}' "$1")" = true ] \
      || [ "$(podman inspect --format '{{.State.Running}}' "$1")" != true ]; then
    echo "container check: the container died in the sign-in flood (OOM killed or exited)" >&2
    podman logs "$1" | tail -20 >&2
    exit 1
  fi
  if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then
    echo "container check: the sign-in flood got errors: $2" >&2
    exit 1
  fi
}
export BENCH_DIR
result=$(flood "$name")
check_flood "$name" "$result"
echo "container check: 64 concurrent sign-ins under --memory=$memory: $result"

# 7b. The dearest hashes import accepts, signed in at once. For each kind, the largest value
#     within the caps (docs/LEGACY-HASHES.md): Django's argon2 and our own PHC form at the
#     Argon2 memory cap (128 MiB, with as many passes as the work cap leaves), PBKDF2-SHA256
#     and bcrypt_sha256 at their cost caps; made by Python's hashlib, argon2-cffi and bcrypt
#     (Debian's packages), imported by the image's own import-users under the same memory
#     limit, then IMPORTED_ACCOUNTS accounts of each kind get their right password once and a
#     wrong one twice, all at the same moment. Fails on an OOM (kill, or the JVM's own exit), a
#     container that stopped, or an answer other than 204 (right), 401 (wrong) or 503
#     (overloaded), and unless every kind signed in at least once.
imported_hashes_check() {
  local dir="$work/imported" n=${IMPORTED_ACCOUNTS:-3} pid rss="$work/rss-imported.txt" k i
  /usr/bin/python3 -c 'import argon2, bcrypt' 2>/dev/null || {
    apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-argon2 python3-bcrypt >/dev/null; }
  rm -rf "$dir" && mkdir -p "$dir" && chmod 0777 "$dir"
  /usr/bin/python3 - "$dir/users.jsonl" "$n" <<'PY'
import base64, hashlib, json, secrets, string, sys
import argon2.low_level as a2, bcrypt
out, n = sys.argv[1], int(sys.argv[2])
right = "the imported password"
def salt22(): return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(22))
def pbkdf2():  # Django's PBKDF2PasswordHasher at the cap (2,000,000 iterations)
    s = salt22()
    return "pbkdf2_sha256$2000000$%s$%s" % (s, base64.b64encode(hashlib.pbkdf2_hmac("sha256", right.encode(), s.encode(), 2000000)).decode())
def argon2_django():  # Django's Argon2PasswordHasher form at the memory cap: m=131072, t=3 (work cap 409,600), p=8
    return "argon2" + a2.hash_secret(right.encode(), secrets.token_bytes(16), time_cost=3, memory_cost=131072,
                                     parallelism=8, hash_len=16, type=a2.Type.ID).decode()
def argon2_ours():  # our PHC form at the memory cap
    return a2.hash_secret(right.encode(), secrets.token_bytes(16), time_cost=3, memory_cost=131072,
                          parallelism=1, hash_len=32, type=a2.Type.ID).decode()
def bcrypt_sha256():  # Django's BCryptSHA256PasswordHasher at the cap (cost 13)
    key = hashlib.sha256(right.encode()).hexdigest().encode()
    return "bcrypt_sha256$" + bcrypt.hashpw(key, bcrypt.gensalt(13)).decode()
with open(out, "w") as f:
    for kind, make in (("pbkdf2", pbkdf2), ("argon2", argon2_django), ("ours", argon2_ours), ("bcrypt", bcrypt_sha256)):
        for i in range(n):
            f.write(json.dumps({"email": "%s-%d@imported.example.com" % (kind, i), "name": "Imported %s %d" % (kind, i),
                                "email_verified": True, "password_hash": make(),
                                "created_at": "2020-01-01T00:00:00Z"}) + "\n")
PY
  chmod 0644 "$dir/users.jsonl"
  podman run --rm --memory="$memory" --memory-swap="$memory" "${container_env[@]}" -v "$dir:/data" \
    "$image" import-users /data/users.jsonl --report /data/report.jsonl > "$dir/import.log" 2>&1 \
    || { tail -20 "$dir/import.log"; echo "container check: import-users failed" >&2; exit 1; }
  grep -q "$((4 * n)) imported" "$dir/import.log" \
    || { grep -v '^{"line"' "$dir/report.jsonl" | tail -5; cat "$dir/report.jsonl" | head -5
         echo "container check: import-users did not import all $((4 * n)) users" >&2; exit 1; }
  pid=$(podman inspect --format '{{.State.Pid}}' "$name")
  : > "$rss"
  sample_rss "$pid" "$rss" & local sampler=$!
  : > "$dir/answers.txt"
  for k in pbkdf2 argon2 ours bcrypt; do
    for i in $(seq 0 $((n - 1))); do
      printf '%s %s right\n%s %s wrong\n%s %s wrong\n' "$k" "$i" "$k" "$i" "$k" "$i"
    done
  done | xargs -P 64 -L 1 sh -c '
      login="$0-$1@imported.example.com"; [ "$2" = right ] && pw="the imported password" || pw="not the password"
      code=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" --max-time 180 -X POST \
        "http://127.0.0.1:'"$port"'/api/v1/auth/signin/" -H "Content-Type: application/json" \
        -d "{\"login\":\"$login\",\"password\":\"$pw\",\"captcha\":\"x\"}")
      echo "$0 $2 $code"' >> "$dir/answers.txt"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  if [ "$(podman inspect --format '{{.State.OOMKilled}}' "$name")" = true ] \
      || [ "$(podman inspect --format '{{.State.Running}}' "$name")" != true ] \
      || podman logs "$name" 2>&1 | grep -c 'OutOfMemoryError' >/dev/null; then
    echo "container check: the container ran out of memory or died signing in the imported users" >&2
    podman logs "$name" 2>&1 | tail -20 >&2
    exit 1
  fi
  local bad
  bad=$(awk '!(($2 == "right" && ($3 == 204 || $3 == 503)) || ($2 == "wrong" && ($3 == 401 || $3 == 503)))' "$dir/answers.txt")
  if [ -n "$bad" ]; then
    echo "container check: unexpected answers to the imported users' sign-ins (kind, password, status, seconds):" >&2
    echo "$bad" >&2
    exit 1
  fi
  for k in pbkdf2 argon2 ours bcrypt; do
    grep -q "^$k right 204 " "$dir/answers.txt" \
      || { echo "container check: no $k user could sign in" >&2; cat "$dir/answers.txt" >&2; exit 1; }
  done
  summary() { # summary PASSWORD STATUS: how many, and their median time
    local times; times=$(awk -v k="$1" -v s="$2" '$2 == k && $3 == s {print $4}' "$dir/answers.txt")
    [ -n "$times" ] && echo "$(echo "$times" | wc -l) (median $(echo "$times" | median) s)" || echo 0; }
  echo "container check: $((4 * n)) users at the caps, $((12 * n)) sign-ins at once under --memory=$memory:" \
    "right 204 $(summary right 204), wrong 401 $(summary wrong 401), 503 $(( $(grep -c ' 503 ' "$dir/answers.txt" || true) )),"\
    "peak RSS $(( $(max_of "$rss") / 1024 )) MiB; $(podman logs "$name" 2>&1 | grep -o 'Password hashing: [^"]*MiB)' | head -n 1)"
}
if [ "$kind" = jvm ] || [ "${IMPORTED_CHECK:-}" = 1 ]; then
  imported_hashes_check
fi

# 8. A graceful stop, as a platform scales to zero: SIGTERM, the requests in flight finish, the
#    service says it stopped and exits on the signal (0, or 143 as the JVM reports SIGTERM).
podman stop -t 15 "$name" >/dev/null
stopped=$(podman inspect --format '{{.State.ExitCode}}' "$name")
podman logs "$name" > "$work/stopped.log" 2>&1 # whole, then grep: grep -q would break the pipe early
grep -q 'rememberizer-auth stopped in' "$work/stopped.log" \
  || { echo "container check: no orderly stop on SIGTERM (exit $stopped)" >&2; podman logs "$name" 2>&1 | tail -5 >&2; exit 1; }
case "$stopped" in 0 | 143) ;; *) echo "container check: exit status $stopped on SIGTERM" >&2; exit 1 ;; esac
echo "container check: SIGTERM stopped the $kind image in order (exit status $stopped)"

if [ -n "${COMPARE_UNLIMITED:-}" ]; then
  : > "$work/compare.txt"
  for run in $(seq 1 "$COMPARE_UNLIMITED"); do
    order=(unlimited "$memory")
    [ $((run % 2)) = 0 ] && order=("$memory" unlimited) # alternated, so that drift does not favour one side
    for limit in "${order[@]}"; do
      if [ "$limit" = "$memory" ]; then run_container "$name" --memory="$memory" --memory-swap="$memory"; else run_container "$name"; fi
      result=$(flood "$name")
      check_flood "$name" "$result"
      echo "flood $limit $run $result load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/compare.txt"
    done
  done
  med() { grep "^flood $1 " "$work/compare.txt" | sed -E "s/.* $2=([^ ]+).*/\1/" | median; }
  echo "container check: medians of $COMPARE_UNLIMITED floods: $memory $(med "$memory" rps) req/s (peak RSS $(med "$memory" peak_rss_mib) MiB)," \
    "unlimited $(med unlimited rps) req/s (peak RSS $(med unlimited peak_rss_mib) MiB);" \
    "$memory / unlimited = $(awk -v a="$(med "$memory" rps)" -v b="$(med unlimited rps)" 'BEGIN {printf "%.2f", a / b}')"
fi
step "done"
