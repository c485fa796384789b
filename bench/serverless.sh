#!/usr/bin/env bash
# The serverless benchmark, in one command: three variants side by side in one run, interleaved.
#   j17        this tree's jar on Java 17, plain (no JVM option)
#   j25-aot    this tree's aot-jar on Java 25 with the image's settings: src/main/docker/jvm.options
#              and the AOT cache recorded by scripts/aot-train.sh (what src/main/docker/Dockerfile.jvm runs)
#   native     this tree's native executable (./mvnw package -Dnative, with the GraalVM home of
#              scripts/native/graalvm-home.sh) with the image's options, NATIVE_OPTIONS (what
#              src/main/docker/Dockerfile.native-micro runs); its build time and the builder's
#              peak memory are read from the build's own report
# 1. Cold start, RUNS rounds, the variants in turn: process start -> first 200 from
#    /q/health/ready, -> first 204 from a sign-in sent right after (schema migrated beforehand,
#    AUTH_MIGRATE_AT_START=false, captcha disabled, mock mailer), and the resident memory 3 s later.
# 2. Load, RUNS rounds, the variants in turn (all three running, one loaded at a time): the raw
#    Argon2id rate (bench/java/HashRate.java, same JDK) right before and right after a sign-in load
#    at CLIENTS clients, then refresh and account at CLIENTS clients; peak RSS during sign-in.
#    The native executable has no JIT to compare a raw rate with: its sign-in is compared with
#    the Java 25 JIT's.
# Prints medians and writes them to target/bench/serverless.md.
#
#   bench/serverless.sh        (RUNS=5 DURATION=15s CLIENTS=32 WARMUP=20s per load and variant before the
#                               rounds; REBUILD=1 rebuilds the variants)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
need wrk wrk
need psql postgresql-client
RUNS=${RUNS:-5}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
CLIENTS=${CLIENTS:-32}
HASH_SECONDS=${HASH_SECONDS:-8}
TOKENS_PER_LOAD=${TOKENS_PER_LOAD:-40000}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
OPTIONS="$ROOT/src/main/docker/jvm.options"
LOGIN=bench@example.com
PASSWORD="correct horse battery"
OUT="$WORK/serverless"
RESULTS="$OUT/results.txt"
mkdir -p "$OUT"
: > "$RESULTS"

# --- the variants ---------------------------------------------------------------------------
# copy_tree DIR: this working tree's sources (committed or not) into DIR.
copy_tree() { rm -rf "$1" && mkdir -p "$1" && (cd "$ROOT" && tar -c pom.xml mvnw .mvn src) | tar -x -C "$1"; }
build() { # build NAME JAVA_HOME maven args...
  local name=$1 jdk=$2; shift 2
  (cd "$OUT/$name" && JAVA_HOME="$jdk" ./mvnw -B -q "$@" > "$OUT/build-$name.log" 2>&1) \
    || { echo "build of $name failed: $OUT/build-$name.log" >&2; exit 1; }
}
if [ ! -f "$OUT/j17/target/quarkus-app/quarkus-run.jar" ] || [ -n "${REBUILD:-}" ]; then
  copy_tree "$OUT/j17" && build j17 "$JDK17" package -DskipTests
fi
if [ ! -f "$OUT/j25-aot/target/quarkus-app/app.aot" ] || [ -n "${REBUILD:-}" ]; then
  copy_tree "$OUT/j25-aot" && build j25-aot "$JDK25" package -DskipTests -Dquarkus.package.jar.aot.enabled=true
  "$ROOT/scripts/aot-train.sh" "$OUT/j25-aot/target/quarkus-app" "$JDK25/bin/java" "@$OPTIONS"
fi
if ! ls "$OUT"/native/target/*-runner > /dev/null 2>&1 || [ -n "${REBUILD:-}" ]; then
  copy_tree "$OUT/native" && cp -a "$ROOT/scripts" "$OUT/native/"
  build native "$JDK17" package -Dnative -DskipTests
fi
RUNNER=$(ls "$OUT"/native/target/*-runner)
# The image's options (ENTRYPOINT of src/main/docker/Dockerfile.native-micro, beyond the host).
read -r -a NATIVE_OPTIONS < <(sed -n 's/^ENTRYPOINT \["[^"]*", *//p' "$ROOT/src/main/docker/Dockerfile.native-micro" \
  | tr -d '[]",' | sed 's/-Dquarkus.http.host=0.0.0.0//')
BCPROV=$(ls "$OUT"/j17/target/quarkus-app/lib/main/org.bouncycastle.bcprov-*.jar)
variants=(j17 j25-aot native)
declare -A PORTS=([j17]=18112 [j25-aot]=18113 [native]=18114)

# launch NAME PORT SCHEMA [env...]: the variant in the background, from its quarkus-app folder; sets PID.
launch() {
  local name=$1 port=$2 schema=$3; shift 3
  service_env "$schema"
  local command=("$JDK17/bin/java" -jar quarkus-run.jar)
  if [ "$name" = j25-aot ]; then command=("$JDK25/bin/java" "@$OPTIONS" -XX:AOTCache=app.aot -jar quarkus-run.jar); fi
  if [ "$name" = native ]; then command=("$RUNNER" "${NATIVE_OPTIONS[@]}"); fi
  (cd "$OUT/$name/target/quarkus-app" 2>/dev/null || cd "$OUT/$name/target"
   exec env "${SERVICE_ENV[@]}" PORT="$port" "$@" \
    AUTH_LIMITS_SIGNUPS_PER_ADDRESS=100000000 AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS=100000000 \
    AUTH_LIMITS_SIGNIN_FAILURES_PER_ACCOUNT=100000000 AUTH_LIMITS_CAPTCHA_CHECKS_PER_ADDRESS=100000000 \
    "${command[@]}" >> "$OUT/service-$name.log" 2>&1) &
  PID=$!
}
java_pid() { pgrep -P "$1" || echo "$1"; } # the service's process (the subshell execs it)
now_ms() { date +%s%3N; }
signin_code() {
  curl -s -o /dev/null -w '%{http_code}' -X POST "$1/api/v1/auth/signin/" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\",\"captcha\":\"bench\"}"
}
load_avg() { cut -d' ' -f1 /proc/loadavg; }

# --- 1. cold start ------------------------------------------------------------------------------
for v in "${variants[@]}"; do # migrate each variant's schema and sign the bench account up, once
  launch "$v" "${PORTS[$v]}" "auth_sl_cold_${v//-/_}" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true
  wait_ready "http://127.0.0.1:${PORTS[$v]}/q/health/ready" 120 "$PID"
  sign_up "http://127.0.0.1:${PORTS[$v]}" "$LOGIN" "$PASSWORD"
  kill "$(java_pid "$PID")"; wait "$PID" || true
done
cold() { # cold NAME: "ready_ms signin_ms first_signin_ms rss_kib"
  local v=$1 port=${PORTS[$1]} t0 t1 t2 code
  t0=$(now_ms)
  launch "$v" "$port" "auth_sl_cold_${v//-/_}" AUTH_MIGRATE_AT_START=false
  wait_ready "http://127.0.0.1:$port/q/health/ready" 120 "$PID"
  t1=$(now_ms)
  code=$(signin_code "http://127.0.0.1:$port")
  t2=$(now_ms)
  [ "$code" = 204 ] || { echo "cold sign-in of $v answered $code" >&2; exit 1; }
  sleep 3
  local rss; rss=$(rss_kib "$(java_pid "$PID")")
  kill "$(java_pid "$PID")"; wait "$PID" || true
  echo "$((t1 - t0)) $((t2 - t0)) $((t2 - t1)) $rss"
}
for run in $(seq 1 "$RUNS"); do
  for v in "${variants[@]}"; do
    read -r ready signin first rss < <(cold "$v")
    echo "cold $v $run ready_ms=$ready signin_ms=$signin first_ms=$first rss_kib=$rss load=$(load_avg)" | tee -a "$RESULTS"
  done
done

# --- 2. load ------------------------------------------------------------------------------------
declare -A PIDS
# access PORT: a fresh access token (they live AUTH_ACCESS_TOKEN_TTL: a whole run outlives one).
access() { sign_in_cookie "http://127.0.0.1:$1" "$LOGIN" "$PASSWORD" access_token; }
for v in "${variants[@]}"; do
  launch "$v" "${PORTS[$v]}" "auth_sl_load_${v//-/_}" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true
  PIDS[$v]=$PID
  wait_ready "http://127.0.0.1:${PORTS[$v]}/q/health/ready" 120 "$PID"
  sign_up "http://127.0.0.1:${PORTS[$v]}" "$LOGIN" "$PASSWORD"
done
trap 'for v in "${variants[@]}"; do kill "$(java_pid "${PIDS[$v]}")" 2>/dev/null || true; done' EXIT
hash_rate() { # hash_rate NAME: the raw rate with the variant's JDK (none for native)
  [ "$1" = native ] && { echo 0; return; }
  local java=$JDK17/bin/java
  [ "$1" = j25-aot ] && java=$JDK25/bin/java
  "$java" -cp "$OUT/j17/target/classes:$BCPROV" "$BENCH_DIR/java/HashRate.java" --quiet --variants service \
    --seconds "$HASH_SECONDS" --warmup 3
}
wrk_load() { # wrk_load NAME KIND LUA [env...]: one load at CLIENTS clients, with the peak RSS
  local v=$1 kind=$2 lua=$3 url; shift 3
  case $kind in signin) url=/api/v1/auth/signin/ ;; refresh) url=/api/v1/auth/custom-refresh/ ;; account) url=/api/v1/account/ ;; esac
  local rss="$OUT/rss.txt"; : > "$rss"
  sample_rss "$(java_pid "${PIDS[$v]}")" "$rss" & local sampler=$!
  local out
  out=$(env "$@" wrk -t2 -c"$CLIENTS" -d"$DURATION" --timeout 10s -s "$BENCH_DIR/$lua" "http://localhost:${PORTS[$v]}$url" | grep '^RESULT')
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  echo "$out peak_rss_kib=$(max_of "$rss")"
}
# Warm-up, every variant with every load it gets below, so that the rounds measure compiled code
# (a 10 s sign-in warm-up alone left the JIT compiling through the first rounds: refresh and
# account then rose from round to round, up to 3x).
for v in "${variants[@]}"; do
  port=${PORTS[$v]}
  wrk -t2 -c"$CLIENTS" -d"$WARMUP" -s "$BENCH_DIR/signin.lua" "http://localhost:$port/api/v1/auth/signin/" > /dev/null
  seed_refresh_tokens "auth_sl_load_${v//-/_}" "$LOGIN" "$TOKENS_PER_LOAD" "$OUT/tokens.txt"
  TOKENS="$OUT/tokens.txt" wrk -t2 -c"$CLIENTS" -d"$WARMUP" -s "$BENCH_DIR/refresh.lua" "http://localhost:$port/api/v1/auth/custom-refresh/" > /dev/null
  ACCESS_TOKEN="$(access "$port")" wrk -t2 -c"$CLIENTS" -d"$WARMUP" -s "$BENCH_DIR/account.lua" "http://localhost:$port/api/v1/account/" > /dev/null
done
for run in $(seq 1 "$RUNS"); do
  order=("${variants[@]}")
  [ $((run % 2)) = 0 ] && order=(native j25-aot j17)
  for v in "${order[@]}"; do
    before=$(hash_rate "$v")
    r=$(wrk_load "$v" signin signin.lua)
    after=$(hash_rate "$v")
    echo "signin $v $run $r hash_before=$before hash_after=$after load=$(load_avg)" | tee -a "$RESULTS"
    seed_refresh_tokens "auth_sl_load_${v//-/_}" "$LOGIN" "$TOKENS_PER_LOAD" "$OUT/tokens.txt"
    echo "refresh $v $run $(wrk_load "$v" refresh refresh.lua TOKENS="$OUT/tokens.txt") load=$(load_avg)" | tee -a "$RESULTS"
    echo "account $v $run $(wrk_load "$v" account account.lua ACCESS_TOKEN="$(access "${PORTS[$v]}")") load=$(load_avg)" | tee -a "$RESULTS"
  done
done

# --- summary ------------------------------------------------------------------------------------
field() { sed -E "s/.* $1=([^ ]+).*/\1/"; }
med() { grep "^$1 $2 " "$RESULTS" | field "$3" | median; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
{
  printf '## serverless.sh, %s, %s cores, RUNS=%s, %s per load, %s clients; load average at the start and end: %s\n\n' \
    "$(date -u +%Y-%m-%d)" "$(nproc)" "$RUNS" "$DURATION" "$CLIENTS" "$(grep -o 'load=[0-9.]*' "$RESULTS" | sed -n '1p;$p' | cut -d= -f2 | paste -sd/)"
  printf '| variant | exec -> ready ms | exec -> first sign-in 204 ms | first sign-in ms | RSS after it MiB | sign-in/s | raw hash/s around | sign-in / raw | p50 / p99 ms | peak RSS in sign-in MiB | refresh/s (p99 ms) | account/s (p99 ms) | errors |\n'
  printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
  for v in "${variants[@]}"; do
    errors=$(grep -E "^(signin|refresh|account) $v " "$RESULTS" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^(errors|non2xx)=/) {split($i, kv, "="); s += kv[2]}} END {print s + 0}')
    if [ "$v" != native ]; then
      ratio=$(grep "^signin $v " "$RESULTS" | while read -r line; do
        r=$(echo "$line" | field rps); a=$(echo "$line" | field hash_before); b=$(echo "$line" | field hash_after)
        awk -v r="$r" -v a="$a" -v b="$b" 'BEGIN {print 100 * r / ((a + b) / 2)}'; done | median)
      raw=$(grep "^signin $v " "$RESULTS" | while read -r line; do
        a=$(echo "$line" | field hash_before); b=$(echo "$line" | field hash_after); awk -v a="$a" -v b="$b" 'BEGIN {print (a + b) / 2}'; done | median)
      raw=$(printf '%.1f | %.0f %%' "$raw" "$ratio")
    else
      raw='— | —'
    fi
    signin=$(printf '%.1f | %s | %.0f / %.0f | %s' "$(med signin "$v" rps)" "$raw" \
      "$(med signin "$v" p50_ms)" "$(med signin "$v" p99_ms)" "$(mib "$(med signin "$v" peak_rss_kib)")")
    printf '| %s | %.0f | %.0f | %.0f | %s | %s | %.0f (%.1f) | %.0f (%.1f) | %s |\n' "$v" "$(med cold "$v" ready_ms)" \
      "$(med cold "$v" signin_ms)" "$(med cold "$v" first_ms)" "$(mib "$(med cold "$v" rss_kib)")" "$signin" \
      "$(med refresh "$v" rps)" "$(med refresh "$v" p99_ms)" "$(med account "$v" rps)" "$(med account "$v" p99_ms)" "$errors"
  done
  printf '\nMedians of %s runs; sign-in / raw is the median of each run'"'"'s sign-in rate over the mean of the raw rate measured right before and after it.\n' "$RUNS"
  ratio() { awk -v a="$(med "$1" native rps)" -v b="$(med "$1" j25-aot rps)" 'BEGIN {printf "%.2f", a / b}'; }
  printf 'native / j25-aot throughput: sign-in %s, refresh %s, account %s. Native options: %s.\n' \
    "$(ratio signin)" "$(ratio refresh)" "$(ratio account)" "${NATIVE_OPTIONS[*]:-none}"
  printf 'Native build (%s): %s\n' "$(grep -Eo 'Finished generating .*' "$OUT/build-native.log" | head -n 1)" \
    "$(grep -Eo '[0-9.]+GB of memory|Peak RSS: [0-9.]+GB' "$OUT/build-native.log" | paste -sd, -)"
} | tee "$WORK/serverless.md"
