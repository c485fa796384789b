#!/usr/bin/env bash
# Lays out a GraalVM home that builds and links native executables on this machine, from
# Maven Central, Debian's packages and our own code only, and prints its path:
#
#   export GRAALVM_HOME=$(scripts/native/graalvm-home.sh)   # then ./mvnw package -Dnative
#
# (the pom's `native` profile runs it itself). What a GraalVM distribution has, made here:
#  - the builder's JDK: a copy of Temurin 25 (NATIVE_JDK);
#  - the builder, org.graalvm.nativeimage:svm and its dependencies from Maven Central
#    (scripts/native/pom.xml), under lib/svm/builder/jars/;
#  - bin/native-image, our launcher (scripts/native/native-image, BuilderCommand.java);
#  - lib/static/linux-amd64/glibc/: the JDK's static libraries (libjava.a, libnio.a, ...),
#    compiled from Debian's OpenJDK source package by scripts/native/jdk-static-libs.sh;
#  - lib/svm/clibraries/linux-amd64/: SubstrateVM's C libraries, our own C
#    (scripts/native/svm/), and the headers the builder queries (generated from the svm jar
#    by scripts/native/SvmCInterface.java, the same ones our C is compiled against);
#  - lib/svm/builder/lib/libreporterchelper.so, the builder's progress helper (ours).
# The home is cached under ~/.cache/rememberizer-native/ and made again only when the JDK, the
# svm version or a file under scripts/native/ (but its tests) changes; a second build fetches
# and compiles nothing. Concurrent runs wait for each other (flock); a new home is made beside
# the old one and swapped in whole, so a build never sees a half-made home.
#
#   scripts/native/graalvm-home.sh [DIR]
# Settings (environment): NATIVE_JDK (a JDK 25; default Temurin's under /usr/lib/jvm),
# NATIVE_SVM_VERSION (default 25.0.2). Progress goes to standard error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
svm_version=${NATIVE_SVM_VERSION:-25.0.2}
# (the pom's native profile passes ${user.home}/.cache/rememberizer-native/graalvm-ce-25.0.2)
home=${1:-$HOME/.cache/rememberizer-native/graalvm-ce-$svm_version}

# A GraalVM or Mandrel of its own (a home with native-image that this script did not make, which
# it marks with .rememberizer-native): nothing to do.
# (.stamp: what the homes of the first version of this script carried)
if [ -x "$home/bin/native-image" ] && [ ! -f "$home/.rememberizer-native" ] && [ ! -f "$home/.stamp" ]; then
  echo "$home"
  exit 0
fi

say() { printf 'graalvm-home: %s\n' "$*" >&2; }
die() { printf 'graalvm-home: FAILED: %s\n' "$*" >&2; exit 1; }

jdk=${NATIVE_JDK:-}
if [ -z "$jdk" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    [ -x "$candidate/bin/java" ] && { jdk=$candidate; break; }
  done
fi
[ -n "$jdk" ] && [ -x "$jdk/bin/java" ] || die "no JDK 25 found: set NATIVE_JDK"
"$jdk/bin/java" -version 2>&1 | grep -q '"25' || die "$jdk is not a JDK 25"

# What the home is made of: the JDK, the builder's version and our files.
stamp=$( { cat "$jdk/release"; echo "$svm_version"; \
           (cd "$here" && find . -type f ! -path './svm/test/*' -print0 | sort -z | xargs -0 sha256sum); } \
         | sha256sum | cut -c1-16)
mkdir -p "$(dirname "$home")"
exec 9> "$home.lock"
flock 9
if [ -f "$home/.rememberizer-native" ] && [ "$(cat "$home/.rememberizer-native")" = "$stamp" ]; then
  echo "$home"
  exit 0
fi

# native-image's own prerequisites: gcc, binutils, glibc's and zlib's development files.
if ! command -v gcc >/dev/null 2>&1 || ! command -v ar >/dev/null 2>&1 \
    || [ ! -e /usr/include/zlib.h ] || [ ! -e /usr/include/stdio.h ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc binutils libc6-dev zlib1g-dev >/dev/null
fi

say "laying out $home (JDK $jdk, builder $svm_version)"
rm -rf "$home.new"
cp -a "$jdk/." "$home.new/"
new=$home.new

# The builder's jars.
builder="$new/lib/svm/builder"
mkdir -p "$builder/jars" "$builder/lib" "$new/lib/svm/bin"
say "fetching org.graalvm.nativeimage:svm:$svm_version and its dependencies"
"$root/mvnw" -B -q -f "$here/pom.xml" -Dsvm.version="$svm_version" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$builder/jars" >&2 || die "fetching the builder's jars failed"
svm_jar="$builder/jars/svm-$svm_version.jar"
[ -f "$svm_jar" ] || die "no $svm_jar"
echo "$svm_version" > "$builder/svm-version"
# The builder's date, as `native-image --version` says it: its manifest's (e.g. "Jan 07 2026").
date -u +%F -d "$("$jdk/bin/jar" tvf "$svm_jar" META-INF/MANIFEST.MF | awk '{ print $3, $4, $7 }')" > "$builder/svm-date"

# The launcher.
cp "$here/native-image" "$new/bin/native-image"
cp "$here/BuilderCommand.java" "$new/lib/svm/bin/"
chmod +x "$new/bin/native-image"

# The builder's JNI helper.
gcc -O2 -Wall -Wextra -Werror -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$builder/lib/libreporterchelper.so" "$here/reporterchelper.c"

# The JDK's static libraries.
static="$new/lib/static/linux-amd64/glibc"
mkdir -p "$static"
"$here/jdk-static-libs.sh" "$static" >&2

# SubstrateVM's C libraries and the headers they and the builder share.
clib="$new/lib/svm/clibraries/linux-amd64"
mkdir -p "$clib/glibc"
"$jdk/bin/java" "$here/SvmCInterface.java" "$svm_jar" "$clib" "$new/lib/svm/lists" >/dev/null
"$here/svm/build.sh" "$clib/glibc" "$clib/include" >&2

echo "$stamp" > "$new/.rememberizer-native"
rm -rf "$home.old"
[ ! -e "$home" ] || mv "$home" "$home.old"
mv "$new" "$home"
rm -rf "$home.old"
say "ready: $home"
echo "$home"
