#!/usr/bin/env bash
# How fast does import-users bring a million users, and does its memory stay flat? Builds the
# packaged jar if needed, writes 100,000- and 1,000,000-line files with bench/make-users.py
# (real Django, bcrypt and Argon2 hashes from the fixtures, the address varied), then runs
#   java -jar quarkus-run.jar import-users FILE
# on a wiped schema of its own (BENCH_SCHEMA, default auth_bench_import) REPEAT times per
# variant, sampling resident memory every 200 ms and logging the GC. Variants: 100k and 1M
# with the JVM's default heap, and 1M with the heap capped at CAPPED_HEAP (default 64m) to show
# that it needs no more. Prints one table of medians: wall time (process start to exit, Quarkus
# start and migrations included), the import's own time and lines/s, peak RSS, peak heap used
# (the largest heap occupancy before a collection) and peak live heap (the largest heap left
# after a young collection). Then, unless SQL=0, bench/java/ImportSql.java compares the
# statement the import sends (INSERT ... SELECT FROM unnest(arrays)) with COPY into a temporary
# table then INSERT ... SELECT, on the same rows.
#
#   bench/import.sh                 (REPEAT=3 CAPPED_HEAP=64m BENCH_SCHEMA=auth_bench_import)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
REPEAT=${REPEAT:-3}
CAPPED_HEAP=${CAPPED_HEAP:-64m}
SCHEMA=${BENCH_SCHEMA:-auth_bench_import}

build_jar
service_env "$SCHEMA"
for n in 100000 1000000; do
  [ -s "$WORK/users-$n.jsonl" ] || python3 "$BENCH_DIR/make-users.py" "$n" "$WORK/users-$n.jsonl"
done

# import_once LABEL LINES [java options...]: one run; appends "label wall import_s lines_per_s rss_kib heap_mib live_mib"
import_once() {
  local label=$1 n=$2; shift 2
  local log="$WORK/import-$label.log" gc="$WORK/import-$label.gc" rss="$WORK/import-$label.rss"
  : > "$rss"
  local start end
  start=$(date +%s.%N)
  env "${SERVICE_ENV[@]}" QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
    "${JAVA:-java}" "$@" -Xlog:gc:file="$gc" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" \
    import-users "$WORK/users-$n.jsonl" --report "$WORK/import-$label.report.jsonl" > "$log" 2>&1 &
  local pid=$!
  sample_rss "$pid" "$rss" & local sampler=$!
  local status=0
  wait "$pid" || status=$?
  end=$(date +%s.%N)
  wait "$sampler" 2>/dev/null || true
  if [ "$status" -ne 0 ] || ! grep -q "import-users: done" "$log"; then
    echo "the import $label failed ($status); see $log" >&2
    return 1
  fi
  local seconds rate heap live
  seconds=$(grep -o '"seconds":[0-9.]*' "$WORK/import-$label.report.jsonl" | cut -d: -f2)
  rate=$(awk -v n="$n" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$gc" | sed -E 's/M->.*//' | sort -n | tail -n 1)
  live=$(grep 'Pause Young' "$gc" | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -n 1)
  echo "$label $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') $seconds $rate $(max_of "$rss") ${heap:-0} ${live:-0}" \
    >> "$WORK/import-results.txt"
  echo "  $label: $(grep 'import-users: done' "$log")" >&2
}

: > "$WORK/import-results.txt"
for round in $(seq 1 "$REPEAT"); do
  echo "round $round of $REPEAT" >&2
  import_once "100k-$round" 100000
  import_once "1m-$round" 1000000
  import_once "1m-capped-$round" 1000000 "-Xmx$CAPPED_HEAP"
done

col() { awk -v l="$1" -v c="$2" '$1 ~ "^"l"-[0-9]+$" {print $c}' "$WORK/import-results.txt" | median; }
printf '\n| file | heap | wall s | import s | lines/s | peak RSS MiB | peak heap used MiB | peak live heap MiB |\n|---|---|---|---|---|---|---|---|\n'
for v in "100k default" "1m default" "1m-capped -Xmx$CAPPED_HEAP"; do
  set -- $v
  label=$1 heap=$2
  printf '| %s | %s | %s | %s | %s | %d | %s | %s |\n' "${label%%-*}" "$heap" "$(col "$label" 2)" "$(col "$label" 3)" \
    "$(col "$label" 4)" "$(( $(col "$label" 5 | cut -d. -f1) / 1024 ))" "$(col "$label" 6)" "$(col "$label" 7)"
done
echo "(medians of $REPEAT; every run: $WORK/import-results.txt, logs and GC logs in $WORK)"

if [ "${SQL:-1}" != 0 ]; then
  echo
  "${JAVA:-java}" -cp "$(ls "$ROOT"/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -n 1)" \
    "$BENCH_DIR/java/ImportSql.java" 200000 1000 5
  psql_local -c "DROP SCHEMA IF EXISTS import_sqlbench CASCADE" >/dev/null 2>&1
fi
