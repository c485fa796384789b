#!/usr/bin/env bash
# Cold start and idle memory of the JVM jar, and what Quarkus's JVM options buy:
#   jdk17            the fast-jar on Java 17 (the default build)
#   jdk17-appcds     + AppCDS (-Dquarkus.package.jar.appcds.enabled=true)
#   jdk25            the aot-jar on Java 25, without its cache
#   jdk25-aot        + the JDK 25 AOT cache (-Dquarkus.package.jar.aot.enabled=true; Quarkus
#                    records it while PackagedAppIT runs against the jar)
# Cold start = process start -> first 200 from /q/health/ready (database already migrated);
# idle memory = resident set 3 s after that. RUNS runs each (default 7), medians printed.
#
#   bench/startup.sh
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
RUNS=${RUNS:-7}
PORT=${PORT:-18091}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}

# Each variant is built from the committed sources in a folder of its own.
build_variant() {
  local name=$1 jdk=$2; shift 2
  local dir="$WORK/startup/$name"
  if [ ! -f "$dir/target/quarkus-app/quarkus-run.jar" ] || [ -n "${REBUILD:-}" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$ROOT" && git archive HEAD) | tar -x -C "$dir"
    (cd "$dir" && JAVA_HOME="$jdk" ./mvnw -B -q "$@" > "$WORK/startup-build-$name.log" 2>&1)
  fi
}
build_variant jdk17 "$JDK17" package -DskipTests
build_variant jdk17-appcds "$JDK17" package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
build_variant jdk25-aot "$JDK25" verify -Dquarkus.package.jar.aot.enabled=true -Dtest=NoSuchTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PackagedAppIT

now_ms() { date +%s%3N; }

# one_run NAME JAVA_HOME APP_DIR [java options...]: prints "startup_ms rss_kib".
one_run() {
  local name=$1 jdk=$2 app=$3; shift 3
  service_env auth_startup
  local t0; t0=$(now_ms)
  (cd "$app" && exec env "${SERVICE_ENV[@]}" PORT="$PORT" "$jdk/bin/java" "$@" -jar quarkus-run.jar \
    > "$WORK/startup-$name.log" 2>&1) &
  local pid=$!
  wait_ready "http://127.0.0.1:$PORT/q/health/ready" 60 "$pid" || { echo "see $WORK/startup-$name.log" >&2; exit 1; }
  local t1; t1=$(now_ms)
  sleep 3
  local rss; rss=$(rss_kib "$(pgrep -P "$pid" java || echo "$pid")")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$((t1 - t0)) $rss"
}

declare -A startup memory
variants=(jdk17 jdk17-appcds jdk25 jdk25-aot)
run_variant() {
  case $1 in
    jdk17) one_run "$1" "$JDK17" "$WORK/startup/jdk17/target/quarkus-app" ;;
    jdk17-appcds) one_run "$1" "$JDK17" "$WORK/startup/jdk17-appcds/target/quarkus-app" -XX:SharedArchiveFile=app-cds.jsa ;;
    jdk25) one_run "$1" "$JDK25" "$WORK/startup/jdk25-aot/target/quarkus-app" ;;
    jdk25-aot) one_run "$1" "$JDK25" "$WORK/startup/jdk25-aot/target/quarkus-app" -XX:AOTCache=app.aot ;;
  esac
}
# A first run migrates the schema; then the variants take turns, so noise hits them alike.
run_variant jdk17 >/dev/null
for i in $(seq 1 "$RUNS"); do
  for v in "${variants[@]}"; do
    read -r ms rss < <(run_variant "$v")
    startup[$v]+="$ms "
    memory[$v]+="$rss "
  done
done

base=$(echo "${startup[jdk17]}" | tr ' ' '\n' | grep . | median)
printf '\n| variant | cold start ms (median of %d) | vs jdk17 | idle RSS MiB (median) |\n|---|---|---|---|\n' "$RUNS"
for v in "${variants[@]}"; do
  ms=$(echo "${startup[$v]}" | tr ' ' '\n' | grep . | median)
  rss=$(echo "${memory[$v]}" | tr ' ' '\n' | grep . | median)
  printf '| %s | %.0f | %.2f | %.0f |\n' "$v" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN {print a / b}')" \
    "$(awk -v r="$rss" 'BEGIN {print r / 1024}')"
done
