#!/usr/bin/env bash
# bench/run.sh [--scenario ingest|transit|churn|peers] [--prefixes N] [--prefixes6 N] [--runs 3]
#              [--duts none,bgplet,bird,frr,gobgp] [--peers 50] [--churn 10000] [--gobgp-runs 1]
# Builds bgplet (main + test classes, for the interop harness's namespace helpers) only when
# its sources changed, compiles bench/src with javac, then runs the orchestrator as root.
# Not part of the main module's build: nothing here is referenced by pom.xml.
set -euo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$here/target
mkdir -p "$out/classes"
cd "$repo"
stamp=$out/.main-built
if [[ ! -f $stamp || ! -f $out/cp.txt || -n $(find src pom.xml -newer "$stamp" -print -quit) ]]; then
  echo "building bgplet (main + test classes; no tests run)..." >&2
  mvn -B -q -o test-compile -DskipTests
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test
  touch "$stamp"
fi
deps=$(cat "$out/cp.txt")
if [[ -n $(find "$here/src" -newer "$out/.bench-built" -print -quit 2>/dev/null) || ! -f $out/.bench-built ]]; then
  "$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$repo/target/classes:$repo/target/test-classes:$deps" \
    $(find "$here/src" -name '*.java') 2>&1 | grep -v '^Note:' || true
  touch "$out/.bench-built"
fi
# Generator and sink need only bench classes; bgplet's JVM needs the main classes and their deps;
# the orchestrator also uses the interop test support (namespaces, veths, daemons).
exec taskset -c 0 "$JAVA_HOME/bin/java" -Xmx512m \
  -Dbench.classpath="$out/classes" \
  -Dbench.dut.classpath="$out/classes:$repo/target/classes:$deps" \
  -cp "$out/classes:$repo/target/classes:$repo/target/test-classes:$deps" \
  io.bgplet.bench.Bench --out "$out" "$@"
