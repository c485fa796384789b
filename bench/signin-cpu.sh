#!/usr/bin/env bash
# Where the CPU of a sign-in goes: runs a sign-in load and splits the CPU time it cost, per
# sign-in, between the service's thread groups (hashing, request threads, event loops, the
# rest of the JVM), PostgreSQL and the load generator, and compares the hashing threads' share
# with the raw Argon2id cost measured by bench/java/HashRate.java with the same JVM right before.
# Linux only: it reads /proc/PID/task/*/stat (utime + stime, in clock ticks) before and after.
#
#   bench/signin-cpu.sh [java options...]     (RUNS=3 DURATION=20s CLIENTS=32)
#   APP=DIR JAVA=PATH bench/signin-cpu.sh ... another quarkus-app folder and JVM, for instance the
#                                             image's settings (bench/serverless.sh builds them):
#     APP=target/bench/serverless/j25-aot/target/quarkus-app JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
#       bench/signin-cpu.sh @src/main/docker/jvm.options -XX:AOTCache=app.aot
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
need wrk wrk
RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
CLIENTS=${CLIENTS:-32}
PORT=${PORT:-18121}
JAVA=${JAVA:-java}
if [ -z "${APP:-}" ]; then build_jar; APP="$ROOT/target/quarkus-app"; fi
APP=$(cd "$APP" && pwd)
OPTIONS=()
for option in "$@"; do # @file arguments are read from where they are, the rest from the app folder
  case $option in @*) OPTIONS+=("@$(cd "$ROOT" && realpath "${option#@}")") ;; *) OPTIONS+=("$option") ;; esac
done
HZ=$(getconf CLK_TCK)
LOGIN=bench@example.com
PASSWORD="correct horse battery"

service_env auth_signin_cpu
(cd "$APP" && exec env "${SERVICE_ENV[@]}" PORT="$PORT" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
  AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS=100000000 AUTH_LIMITS_SIGNIN_FAILURES_PER_ACCOUNT=100000000 \
  AUTH_LIMITS_CAPTCHA_CHECKS_PER_ADDRESS=100000000 AUTH_LIMITS_SIGNUPS_PER_ADDRESS=100000000 \
  "$JAVA" "${OPTIONS[@]}" -jar quarkus-run.jar > "$WORK/signin-cpu-service.log" 2>&1) &
launcher=$!
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$launcher" 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$PORT/q/health/ready" 120 "$launcher" || { tail -20 "$WORK/signin-cpu-service.log"; exit 1; }
pid=$(pgrep -P "$launcher" java || echo "$launcher")
sign_up "http://127.0.0.1:$PORT" "$LOGIN" "$PASSWORD"
wrk -t2 -c8 -d10s -s "$BENCH_DIR/signin.lua" "http://localhost:$PORT/api/v1/auth/signin/" > /dev/null # JIT and pools

# ticks PID: the process's CPU ticks (dead threads included), then "GROUP TICKS" per live thread.
ticks() {
  awk '{sub(/^.*\) /, ""); print "process", $12 + $13}' "/proc/$1/stat"
  for task in /proc/"$1"/task/*; do
    local name; name=$(cat "$task/comm" 2>/dev/null) || continue
    local group=jvm_other
    case $name in
      argon2-*) group=hashing ;;
      credentials-*) group=request_threads ;;
      vert.x-eventlo*) group=event_loops ;; # comm holds 15 characters
      executor-thre*|vert.x-worker*) group=workers ;;
      C1\ Compiler*|C2\ Compiler*) group=jit ;;
      GC\ Thread*|G1\ *|VM\ Thread) group=gc ;;
    esac
    awk -v g="$group" -v t="${task##*/}" -v n="${name// /_}" '{sub(/^.*\) /, ""); print g, $12 + $13, t, n}' "$task/stat" 2>/dev/null || true
  done | awk '$1 != "process"' | sort
}
top_other() { # top_other BEFORE AFTER: the busiest threads outside the groups, CPU ms per sign-in
  awk -v n="$3" -v hz="$HZ" 'NR == FNR {if ($1 == "jvm_other") b[$3] = $2; next}
    $1 == "jvm_other" {d = $2 - b[$3]; if (d > 0) s[$4] += d}
    END {for (k in s) printf "%s=%.1f\n", k, 1000 * s[k] / hz / n}' "$1" "$2" | sort -t= -k2 -rn | head -n 6 | paste -sd' '
}
pg_ticks() { # every PostgreSQL process of the machine
  for p in $(pgrep -u postgres); do awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || true; done \
    | awk '{s += $1} END {print s + 0}'
}
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # user nice system irq softirq
sum_group() { awk -v g="$2" '$1 == g {s += $2} END {print s + 0}' "$1"; }

results="$WORK/signin-cpu.txt"
: > "$results"
for run in $(seq 1 "$RUNS"); do
  raw=$(cd "$ROOT" && "$JAVA" -cp "$APP/app/*:$APP/lib/main/*" "$BENCH_DIR/java/HashRate.java" --quiet --variants service \
    --seconds 8 --warmup 3 2>/dev/null || echo 0)
  before="$WORK/signin-cpu-before.txt" after="$WORK/signin-cpu-after.txt"
  ticks "$pid" > "$before"; p0=$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$pid/stat"); g0=$(pg_ticks); m0=$(machine_busy)
  out=$(/usr/bin/time -f 'wrk_cpu_s=%U+%S' -o "$WORK/signin-cpu-wrk.txt" \
    wrk -t2 -c"$CLIENTS" -d"$DURATION" --timeout 30s -s "$BENCH_DIR/signin.lua" "http://localhost:$PORT/api/v1/auth/signin/" | grep '^RESULT')
  ticks "$pid" > "$after"; p1=$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$pid/stat"); g1=$(pg_ticks); m1=$(machine_busy)
  requests=$(echo "$out" | sed -E 's/.*requests=([0-9]+).*/\1/')
  wrk_s=$(sed -nE 's/^wrk_cpu_s=([0-9.]+)\+([0-9.]+)$/\1 \2/p' "$WORK/signin-cpu-wrk.txt" | awk '{print $1 + $2}')
  line="run=$run $(echo "$out" | sed -E 's/^RESULT //') raw_hash_per_s=$raw"
  known=0
  for group in hashing request_threads event_loops workers jit gc; do
    d=$(( $(sum_group "$after" "$group") - $(sum_group "$before" "$group") ))
    known=$(( known + d ))
    line="$line ${group}_ms=$(awk -v d="$d" -v n="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", 1000 * d / hz / n}')"
  done
  ms() { awk -v d="$1" -v n="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", 1000 * d / hz / n}'; }
  line="$line jvm_other_ms=$(ms $(( p1 - p0 - known ))) postgres_ms=$(ms $(( g1 - g0 )))"
  line="$line wrk_ms=$(awk -v s="$wrk_s" -v n="$requests" 'BEGIN {printf "%.1f", 1000 * s / n}') machine_ms=$(ms $(( m1 - m0 )))"
  line="$line hash_ms_raw=$(awk -v r="$raw" -v c="$(nproc)" 'BEGIN {printf "%.1f", (r > 0 ? 1000 * c / r : 0)}') load=$(cut -d' ' -f1 /proc/loadavg)"
  echo "$line" | tee -a "$results"
  echo "  busiest other JVM threads (ms per sign-in): $(top_other "$before" "$after" "$requests")"
done

field() { sed -E "s/.* $1=([^ ]+).*/\1/"; }
med() { field "$1" < "$results" | median; }
{
  printf '## signin-cpu.sh, %s, %s cores, %s, RUNS=%s, %s, %s clients\n\n' "$(date -u +%Y-%m-%d)" "$(nproc)" \
    "$("$JAVA" -version 2>&1 | head -n 1)" "$RUNS" "$DURATION" "$CLIENTS"
  printf '| CPU ms per sign-in (median of %s) | |\n|---|---|\n' "$RUNS"
  for f in hashing request_threads event_loops workers jit gc jvm_other postgres wrk machine; do printf '| %s | %s |\n' "$f" "$(med "${f}_ms")"; done
  printf '| raw hash (harness: %s cores / hash rate) | %s |\n' "$(nproc)" "$(med hash_ms_raw)"
  printf '\nsign-in %s req/s against a raw %s hashes/s (%s %%); the CPU bound of sign-in / raw on these shared cores is hash / machine = %s %%.\n' \
    "$(med rps)" "$(med raw_hash_per_s)" "$(awk -v r="$(med rps)" -v h="$(med raw_hash_per_s)" 'BEGIN {printf "%.0f", 100 * r / h}')" \
    "$(awk -v a="$(med hash_ms_raw)" -v b="$(med machine_ms)" 'BEGIN {printf "%.0f", 100 * a / b}')"
} | tee "$WORK/signin-cpu.md"
