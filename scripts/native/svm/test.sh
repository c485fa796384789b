#!/usr/bin/env bash
# Tests our SubstrateVM C libraries: builds them (build.sh) and test/svm_test.c, compiles the
# locales the locale checks need, runs the test, then (unless SVM_TEST_PODMAN=0) runs a static
# build of the test in `podman run --memory=256m` to show the container's limit arriving.
# Exits non-zero if any check fails.
#
#   scripts/native/svm/test.sh [INCLUDE_DIR]
#
# INCLUDE_DIR: the headers the builder queries, as for build.sh (default: those of the GraalVM
# home that scripts/native/graalvm-home.sh lays out, made if missing). Settings: SVM_TEST_WORK (work
# directory, default a fresh one under $TMPDIR, removed afterwards), SVM_TEST_PODMAN (0 = skip
# the container run), CC, JAVA_HOME.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
include=${1:-$("$here/../graalvm-home.sh")/lib/svm/clibraries/linux-amd64/include}
[ -f "$include/amd64cpufeatures.h" ] || { echo "test.sh: no amd64cpufeatures.h in $include" >&2; exit 2; }
if [ -n "${SVM_TEST_WORK:-}" ]; then
  work=$SVM_TEST_WORK; rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/svm-test.XXXXXX"); trap 'rm -rf "$work"' EXIT
fi
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

"$here/build.sh" "$work/lib" "$include" >/dev/null
test_cc() { # output, extra flags...
  local out=$1; shift
  "${CC:-gcc}" -O2 -Wall -Wextra -Werror -Wno-format-truncation -I "$include" -I "$java_home/include" -I "$java_home/include/linux" \
    "$here/test/svm_test.c" -o "$out" "$@" \
    "$work/lib/liblibchelper.a" "$work/lib/libjvm.a" "$work/lib/libsvm_container.a" -lpthread -ldl
}
test_cc "$work/svm_test"

# The test locales, compiled into a directory of our own (LOCPATH), not the system's.
if command -v localedef >/dev/null && [ -d /usr/share/i18n/locales ]; then
  mkdir -p "$work/locales"
  for spec in fr_FR:UTF-8:fr_FR.UTF-8 en_US:ISO-8859-1:en_US sr_RS@latin:UTF-8:sr_RS.UTF-8@latin; do
    IFS=: read -r source charset name <<<"$spec"
    localedef -i "$source" -f "$charset" "$work/locales/$name" 2>/dev/null || true
  done
  export SVM_TEST_LOCPATH="$work/locales"
else
  export SVM_TEST_NO_LOCALES=1
fi

status=0
SVM_TEST_NPROC=$(nproc) SVM_TEST_SCRATCH="$work/scratch" "$work/svm_test" || status=$?

if [ "${SVM_TEST_PODMAN:-1}" != 0 ] && command -v podman >/dev/null; then
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$repo/scripts/containers.conf}
  echo "== podman run --memory=256m --cpus=1 (a static build of the test, alone in the image)"
  if test_cc "$work/svm_test_static" -static 2>"$work/static.log" \
      && mkdir -p "$work/rootfs" && cp "$work/svm_test_static" "$work/rootfs/svm_test" \
      && tar -C "$work/rootfs" -cf "$work/rootfs.tar" . \
      && podman import "$work/rootfs.tar" localhost/svm-test-probe:latest >/dev/null 2>&1; then
    probe=$(podman run --rm --runtime runc --network=host --memory=256m --cpus=1 \
      localhost/svm-test-probe:latest /svm_test probe) || probe="podman run failed"
    podman rmi localhost/svm-test-probe:latest >/dev/null 2>&1 || true
    echo "$probe" | sed 's/^/      /'
    if grep -qx 'svm_container_initialize=1' <<<"$probe" \
        && grep -q '^svm_container_physical_memory=268435456 ' <<<"$probe" \
        && grep -qx 'svm_container_active_processor_count=1' <<<"$probe"; then
      echo "ok    podman: containerized, physical memory = 256 MiB, 1 processor"
    else
      echo "FAIL  podman: expected containerized, 256 MiB and 1 processor"; status=1
    fi
  else
    echo "warn  podman: could not build or import the probe image (see $work/static.log); skipped"
  fi
fi
exit "$status"
