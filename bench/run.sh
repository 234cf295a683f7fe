#!/usr/bin/env bash
# Runs the JMH benchmarks (attend vs ONNX Runtime on all-MiniLM-L6-v2), then prints attend/ORT ratios per
# (n, threads). Any argument goes to JMH: a benchmark regex, -p n=128, -f 3, -h, ...
# Finds a JDK >= 21 as ../attend does and builds the bench module first when the sources changed.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
STAMP="$BENCH/target/classes/META-INF/BenchmarkList" # JMH's annotation processor writes it at compile time
REQUIRED=21

java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java() { # JAVA_HOME or PATH when they qualify, else the newest JDK in the usual JVM folders
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local dir
  for dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java")
  done
  local best="" best_version=0 c v
  for c in "${candidates[@]}"; do
    v="$(java_major "$c")"
    if [[ -n "$v" && "$v" -ge $REQUIRED ]]; then
      if [[ "$c" == "${JAVA_HOME:-/nonexistent}/bin/java" || "$c" == "$(command -v java 2>/dev/null)" ]]; then
        echo "$c"; return 0
      fi
      if [[ "$v" -gt "$best_version" ]]; then best="$c"; best_version="$v"; fi
    fi
  done
  [[ -n "$best" ]] && { echo "$best"; return 0; }
  return 1
}

if ! JAVA="$(find_java)"; then
  echo "the benchmarks need a JDK $REQUIRED or newer (with jdk.incubator.vector); none found in JAVA_HOME, PATH or /usr/lib/jvm." >&2
  exit 2
fi
export JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"

needs_build() { # core and model are measured too, so their sources count
  [[ ! -f "$STAMP" ]] && return 0
  [[ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$STAMP" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "building the benchmarks…" >&2
  LOG="$(mktemp -t attend-bench-build.XXXXXX.log)"
  if ! (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl bench -am package >"$LOG" 2>&1); then
    echo "bench/run.sh: the build failed; the last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  rm -f "$LOG"
  touch "$STAMP"
fi

given() { # whether the JMH option $1 is among the remaining arguments, as "-f 3" or "-f3"
  local option="$1" arg
  shift
  for arg in "$@"; do
    [[ "$arg" == "$option" || "$arg" =~ ^$option[0-9] ]] && return 0
  done
  return 1
}

# JMH's own defaults (5 forks of 5 × 10 s warm-up and 5 × 10 s measurement) take hours over 18 forks; JMH refuses
# an option given twice, so a default is added only when the caller did not give that option.
DEFAULTS=()
given -f "$@" || DEFAULTS+=(-f 1)
given -wi "$@" || DEFAULTS+=(-wi 3)
given -w "$@" || DEFAULTS+=(-w 2s)
given -i "$@" || DEFAULTS+=(-i 5)
given -r "$@" || DEFAULTS+=(-r 2s)
given -foe "$@" || DEFAULTS+=(-foe true) # a failed output check stops the run instead of scrolling by

mkdir -p "$BENCH/results"
RESULT="$BENCH/results/jmh-$(date +%Y%m%d-%H%M%S).json"
CLASSPATH="$BENCH/target/classes:$BENCH/target/lib/*"
export OPT_OUT_TRACKING=true
# JMH starts each fork with these same JVM flags
"$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -cp "$CLASSPATH" org.openjdk.jmh.Main "${DEFAULTS[@]}" "$@" -rf json -rff "$RESULT"

if [[ -s "$RESULT" ]]; then # absent after -h, -l and the like
  echo
  echo "attend / ONNX Runtime (results in ${RESULT#"$ROOT"/}):"
  "$JAVA" -cp "$CLASSPATH" dev.attend.bench.RatioSummary "$RESULT"
fi
