#!/usr/bin/env bash
# Builds our own SubstrateVM C libraries for Linux/amd64/glibc, the ones a GraalVM distribution
# ships under lib/svm/clibraries/linux-amd64/glibc/ and Maven Central does not:
#   OUTDIR/liblibchelper.a    from libchelper/*.c
#   OUTDIR/libjvm.a           from jvm/*.c (one member per file, needs the JDK's jni.h)
#   OUTDIR/libsvm_container.a from svm_container/*.c
#
#   scripts/native/svm/build.sh OUTDIR INCLUDE_DIR
#
# INCLUDE_DIR holds the headers the image builder queries (amd64cpufeatures.h, svm_locale.h;
# scripts/native/SvmCInterface.java writes them): compiling against the same headers keeps the
# struct layouts and constants of the C code and of the image in agreement.
# Settings: CC (default gcc), JAVA_HOME (for jni.h; default Temurin 25 under /usr/lib/jvm).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OUTDIR INCLUDE_DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
include=$(cd "$2" && pwd)
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "$java_home/include/jni.h" ] || { echo "$0: no jni.h under $java_home/include (set JAVA_HOME)" >&2; exit 1; }
cflags=(-O2 -fPIC -Wall -Wextra -Werror -fno-strict-aliasing -I "$include" -I "$java_home/include" -I "$java_home/include/linux")

objroot=$(mktemp -d)
trap 'rm -rf "$objroot"' EXIT
for lib in libchelper jvm svm_container; do
  objdir="$objroot/$lib"
  mkdir -p "$objdir"
  for c in "$src/$lib"/*.c; do
    "${CC:-gcc}" "${cflags[@]}" -c "$c" -o "$objdir/$(basename "${c%.c}").o"
  done
  archive="$out/lib$lib.a"
  rm -f "$archive"
  ar rcs "$archive" "$objdir"/*.o
  echo "$archive"
done
