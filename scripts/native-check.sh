#!/usr/bin/env bash
# Proves the native executable (Dockerfile.native) as far as this machine allows: runs the
# real GraalVM native-image builder on Quarkus's native build inputs through analysis,
# universe building, compilation and image layout, up to the final link, which cannot succeed
# here (the JDK's static libraries and SubstrateVM's C libraries are in no reachable
# registry). Passes only when every stage before the link succeeds and the one error left is
# the link missing exactly what those libraries hold; any other error fails the check and
# prints the builder's own message. This catches the usual native-image failures: a class
# initialised at build time that must not be, reflection or resources the analysis cannot
# see, an unsupported JDK feature, a library that starts threads in a static initialiser.
#
#   scripts/native-check.sh             build everything, run the builder, judge its log
#   scripts/native-check.sh --judge     judge target/native-check/builder.log again
#
# Everything it fetches or writes stays under target/native-check/ (and ~/.m2):
#  - target/native-sources/ from `./mvnw package -Dnative -Dquarkus.native.sources-only=true`
#    (the runner jar, lib/ and native-image.args, what Dockerfile.native's build feeds to
#    native-image);
#  - the builder's jars, org.graalvm.nativeimage:svm and its dependencies, by Maven from
#    Maven Central (scripts/native/pom.xml);
#  - graalvm-home/: a copy of Temurin 25 (the builder's JDK) laid out as the builder expects
#    a GraalVM home, with what the distributions add and Maven Central lacks made here:
#    empty placeholder archives where the static libraries go, the C headers SubstrateVM
#    queries (generated from the svm jar's own declarations, scripts/native/SvmCInterface.java)
#    and the builder's small JNI helper (scripts/native/reporterchelper.c);
#  - the builder's command line, translated from native-image.args as the native-image driver
#    (not on Maven Central either) would (scripts/native/BuilderCommand.java);
#  - builder.log, the builder's output, then the verdict.
#
# Settings (environment): NATIVE_CHECK_SVM_VERSION (builder version, default 25.0.2),
# NATIVE_CHECK_JDK (a JDK 25, default Temurin's under /usr/lib/jvm), NATIVE_CHECK_HEAP
# (the builder's -Xmx, default 8g). Needs gcc, binutils and zlib's development files, as
# native-image does (installed with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work="$root/target/native-check"
svm_version=${NATIVE_CHECK_SVM_VERSION:-25.0.2}
heap=${NATIVE_CHECK_HEAP:-8g}
log="$work/builder.log"

say() { printf 'native-check: %s\n' "$*"; }
die() { printf 'native-check: FAILED: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------
# The verdict: accept the builder's failure only if it is the link, and the link misses only
# what the placeholder libraries would hold.
judge() {
  [ -s "$log" ] || die "no builder log at $log"
  local lists="$work/lists" linker_out="$work/linker-output.txt" undefined="$work/undefined-symbols.txt"
  local problems=()

  # 1. Every stage ran: [1/8] .. [7/8] finished (a time in parentheses), [8/8] started.
  local stage
  for stage in 1 2 3 4 5 6 7; do
    grep -Eq "^\[$stage/8\] .*\([0-9.]+s @ [0-9.]+GB\)" "$log" || problems+=("stage [$stage/8] did not finish")
  done
  grep -Eq '^\[8/8\] Creating image' "$log" || problems+=("stage [8/8] (creating the image) was not reached")

  # 2. The builder's one error is the link's. The builder reports it as
  #      The build process encountered an unexpected error:
  #      java.lang.RuntimeException: There was an error linking the native image: Linker command exited with 1
  #    then the linker command and the linker's own output; no "Error:" or "Fatal error:" line.
  local errors unexpected_errors
  errors=$(grep -Ec '^(Error|Fatal error): ' "$log" || true)
  [ "$errors" -eq 0 ] || problems+=("$errors error message(s) from the builder before or besides the link")
  unexpected_errors=$(grep -c '^The build process encountered an unexpected error:$' "$log" || true)
  [ "$unexpected_errors" -eq 1 ] || problems+=("$unexpected_errors failure reports from the builder, expected one (the link's)")
  awk '/^The build process encountered an unexpected error:$/ { on = 1; next } on && NF { print; exit }' "$log" \
    | grep -Fxq 'java.lang.RuntimeException: There was an error linking the native image: Linker command exited with 1' \
    || problems+=("the builder did not fail at the link")

  # The linker's output: the lines between "Linker command output:" and the stack trace.
  awk '/^Linker command output:$/ { on = 1; next }
       on && /^[[:space:]]+at / { exit }
       on && NF { print }' "$log" > "$linker_out"
  [ -s "$linker_out" ] || problems+=("no linker output in the log")

  # Each line of it is either gcc's -v account of the link (the builder links with -v), or
  # ld saying where an undefined reference is and to what, or ld's exit. Anything else (a
  # library not found, a relocation error, a duplicate symbol, a warning) fails the check.
  local other
  other=$(grep -Ev -e '^Using built-in specs\.$' \
                   -e '^(COLLECT_GCC|COLLECT_LTO_WRAPPER|OFFLOAD_TARGET_[A-Z_]+|COMPILER_PATH|LIBRARY_PATH|COLLECT_GCC_OPTIONS)=' \
                   -e '^(Target|Configured with|Thread model|Supported LTO compression algorithms): ' \
                   -e '^gcc version [0-9]' -e '^ [^ ]*/collect2 ' \
                   -e "^(/usr/bin/)?ld: [^ ]+: in function \`[^']*':$" \
                   -e "^(/usr/bin/)?ld: [^ ]+\.o:\(\.[a-z_.]+\+0x[0-9a-f]+\): undefined reference to \`[^']+'$" \
                   -e '^collect2: error: ld returned 1 exit status$' "$linker_out" || true)
  [ -z "$other" ] || problems+=("linker output beyond undefined references:"$'\n'"$other")

  # The undefined symbols: JNI functions of the JDK's own classes (the JDK's static libraries
  # hold them), the JDK libraries' JNI_OnLoad_<lib>, and C functions that SubstrateVM itself
  # declares (read from the svm jar: lists/c-functions.txt), which the JDK's and SubstrateVM's
  # static libraries hold. A symbol of the application or of a library it uses is none of these.
  { grep -Eo ": undefined reference to \`[^']+'$" "$linker_out" || true; } \
    | sed -E "s/^: undefined reference to \`(.*)'$/\1/" | sort -u > "$undefined"
  [ -s "$undefined" ] || problems+=("no undefined reference in the linker output")
  local unexpected
  unexpected=$(grep -Ev '^Java_(java|javax|jdk|sun|com_sun)_[A-Za-z0-9_]+$' "$undefined" \
    | grep -Ev '^JNI_OnLoad_[a-z0-9_]+$' | grep -Fxv -f "$lists/c-functions.txt" || true)
  [ -z "$unexpected" ] || problems+=("undefined symbols that the missing static libraries do not explain:"$'\n'"$unexpected")

  # 3. The files the service reads at run time are in the image: every file under
  #    src/main/resources but application.properties and META-INF/ (which Quarkus consumes
  #    at build time) must be listed in the builder's embedded-resources.json.
  local embedded resource missing=()
  embedded=$(find "$work/out" -name embedded-resources.json 2>/dev/null | head -n 1 || true)
  if [ -z "$embedded" ]; then
    problems+=("the builder wrote no embedded-resources.json (analysis did not finish)")
  else
    while IFS= read -r resource; do
      grep -Fq "\"name\":\"$resource\"" "$embedded" || missing+=("$resource")
    done < <(cd src/main/resources && find . -type f ! -path './META-INF/*' ! -name application.properties | sed 's|^\./||' | sort)
    [ "${#missing[@]}" -eq 0 ] || problems+=("resources the service reads but the image lacks: ${missing[*]}")
  fi

  report_figures
  if [ "${#problems[@]}" -gt 0 ]; then
    printf '\nnative-check: FAILED. The builder'"'"'s own errors:\n' >&2
    # The builder's messages: its "Error:", "Fatal error:" and "unexpected error" reports,
    # each up to its stack trace.
    awk '/^(Error|Fatal error): |^The build process encountered an unexpected error:$/ { on = 1 }
         on && /^[[:space:]]+at / { on = 0 } on { print }' "$log" | head -80 >&2
    printf '\nnative-check: why the check fails:\n' >&2
    local p
    for p in "${problems[@]}"; do printf ' - %s\n' "$p" >&2; done
    printf 'native-check: full builder output: %s\n' "$log" >&2
    return 1
  fi
  local jni onload svm
  jni=$(grep -Ec '^Java_' "$undefined" || true)
  onload=$(grep -Ec '^JNI_OnLoad_' "$undefined" || true)
  svm=$(grep -Fxc -f "$lists/c-functions.txt" "$undefined" || true)
  say "PASSED: all stages before the link succeeded, the service's resources are embedded, and the"
  say "  link failed only on $(wc -l < "$undefined") undefined symbols: $jni JNI functions and $onload JNI_OnLoad_* of the"
  say "  JDK's native libraries, $svm C functions SubstrateVM declares (list: $undefined)."
}

report_figures() {
  say "the builder's figures:"
  grep -E '(types|fields|methods).*(found reachable|registered for reflection)|native librar(y|ies):' "$log" \
    | sed 's/^ */    /' || true
  grep -E '^\[[1-8]/8\]' "$log" | sed 's/^/    /' || true
  # The image's sections, from the object file the builder wrote and tried to link: code
  # area (.text) and image heap (.svm_heap), as its layout made them.
  local obj
  obj=$(find "$work/builder-tmp" -name '*.o' -size +1M 2>/dev/null | head -n 1 || true)
  if [ -n "$obj" ]; then
    size -A "$obj" | awk -v obj="$(basename "$obj")" '
      $1 == ".text" { printf "    code area:  %.2f MB (%d bytes, .text of %s)\n", $2 / 1048576, $2, obj }
      $1 == ".svm_heap" { printf "    image heap: %.2f MB (%d bytes, .svm_heap of %s)\n", $2 / 1048576, $2, obj }' 
  else
    echo "    code area / image heap: no object file written"
  fi
  grep -E 'Peak RSS:|^(Failed|Finished) generating' "$log" | sed 's/^ */    /' || true
}

if [ "${1:-}" = "--judge" ]; then
  judge
  exit $?
fi

# ---------------------------------------------------------------------------------------
# 0. Tools: a JDK 25 for the builder, gcc and ar for the stub, the headers and the link.
jdk=${NATIVE_CHECK_JDK:-}
if [ -z "$jdk" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    [ -x "$candidate/bin/java" ] && { jdk=$candidate; break; }
  done
fi
[ -n "$jdk" ] && [ -x "$jdk/bin/java" ] || die "no JDK 25 found: set NATIVE_CHECK_JDK"
"$jdk/bin/java" -version 2>&1 | grep -q '"25' || die "$jdk is not a JDK 25"
# (native-image's own prerequisites too: gcc, glibc's and zlib's development files)
if ! command -v gcc >/dev/null 2>&1 || ! command -v ar >/dev/null 2>&1 || ! command -v size >/dev/null 2>&1 \
    || [ ! -e /usr/include/zlib.h ] || [ ! -e /usr/include/stdio.h ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc binutils libc6-dev zlib1g-dev >/dev/null
fi
mkdir -p "$work"
start=$SECONDS

# 1. Quarkus's native build inputs, as Dockerfile.native's build would hand them to native-image.
say "building the native sources (./mvnw package -Dnative -Dquarkus.native.sources-only=true)"
rm -rf target/native-sources
./mvnw -B -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests > "$work/maven.log" 2>&1 \
  || { tail -n 40 "$work/maven.log" >&2; die "the Quarkus build failed (log: $work/maven.log)"; }
[ -f target/native-sources/native-image.args ] || die "no target/native-sources/native-image.args"

# 2. The builder's jars from Maven Central.
jars="$work/jars-$svm_version"
say "fetching org.graalvm.nativeimage:svm:$svm_version and its dependencies"
./mvnw -B -q -f scripts/native/pom.xml -Dsvm.version="$svm_version" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$jars" > "$work/fetch.log" 2>&1 \
  || { tail -n 20 "$work/fetch.log" >&2; die "fetching the builder's jars failed"; }
svm_jar="$jars/svm-$svm_version.jar"
[ -f "$svm_jar" ] || die "no $svm_jar"

# 3. The GraalVM home the builder expects: a copy of the JDK (once per JDK) plus what a
#    GraalVM distribution adds, made here (each run, from the current sources and svm jar).
home="$work/graalvm-home"
if ! cmp -s "$jdk/release" "$home/release"; then
  say "laying out $home from $jdk"
  rm -rf "$home"
  cp -a "$jdk/." "$home/"
  rm -f "$home/lib/src.zip"
fi
# The JDK's static libraries (lib/static/<platform>/<libc>/lib<name>.a in a GraalVM JDK):
# an empty archive for each of the JDK's native libraries, and fdlibm.
static="$home/lib/static/linux-amd64/glibc"
rm -rf "$static" && mkdir -p "$static"
for so in "$jdk"/lib/lib*.so; do
  ar rc "$static/$(basename "$so" .so).a"
done
ar rc "$static/libfdlibm.a"
# SubstrateVM's C libraries: headers generated from the svm jar, empty archives; and the
# lists the verdict reads (its static libraries, the C functions it declares).
clib="$home/lib/svm/clibraries/linux-amd64"
rm -rf "$home/lib/svm/clibraries" "$work/lists"
"$jdk/bin/java" scripts/native/SvmCInterface.java "$svm_jar" "$clib" "$work/lists" >/dev/null
mkdir -p "$clib/glibc"
while read -r name; do
  ar rc "$clib/glibc/lib$name.a"
done < "$work/lists/static-libraries.txt"
# The builder's JNI helper.
mkdir -p "$home/lib/svm/builder/lib"
gcc -O2 -Wall -Wextra -Werror -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$home/lib/svm/builder/lib/libreporterchelper.so" scripts/native/reporterchelper.c

# 4. The builder's command line, from native-image.args.
rm -rf "$work/out" "$work/builder-tmp" "$work/driver-tmp"
mkdir -p "$work/out" "$work/builder-tmp" "$work/driver-tmp"
"$home/bin/java" scripts/native/BuilderCommand.java --sources target/native-sources --home "$home" \
  --jars "$jars" --out "$work/out" --temp "$work/builder-tmp" --svm-version "$svm_version" --heap "$heap" \
  --jvm-args "$work/builder-jvm.args" --image-args "$work/builder-image.args"

# 5. The builder, as the driver starts it (in a clean environment of JVM options).
say "running the native-image builder $svm_version on $("$home/bin/java" -version 2>&1 | head -n 1) (log: $log)"
set +e
(
  cd "$work/out"
  unset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS CLASSPATH
  export USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM=true DRIVER_TEMP_DIR_ENV_VARIABLE="$work/driver-tmp"
  exec "$home/bin/java" @"$work/builder-jvm.args" --image-args-file="$work/builder-image.args"
) > "$log" 2>&1
status=$?
set -e
say "the builder exited with status $status after $((SECONDS - start)) s in all"
if [ "$status" -eq 0 ]; then
  report_figures
  die "the builder linked an executable against empty libraries: this check no longer checks what it says"
fi
judge
