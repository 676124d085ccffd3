#!/usr/bin/env bash
# Idle cost of an in-process javaagent: the same idle JVM measured without an agent, with
# leakwatch-javaagent, and with the Prometheus jmx_exporter javaagent 1.0.1 (fetched from Maven
# Central for comparison), at the default heap and at -Xmx64m. For each: RSS after settling,
# the live thread count, CPU used over a quiet window, and how many threads used any CPU then.
#
# Usage: bench/javaagent-idle.sh [settle-seconds=15] [window-seconds=20]
# Prints one line per run and the deltas against the run without an agent.
set -euo pipefail

settle="${1:-15}"
window="${2:-20}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
agent="$root/leakwatch-javaagent/target/leakwatch-javaagent.jar"
java="${JAVA:-java}"
hz="$(getconf CLK_TCK)"

if [ ! -f "$agent" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl leakwatch-javaagent -am package >&2)
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/Idle.java" <<'JAVA'
public class Idle {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
JAVA
javac -d "$work" "$work/Idle.java"

jmx=""
if mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
     -Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1 -DoutputDirectory="$work" >&2; then
  jmx="$work/jmx_prometheus_javaagent-1.0.1.jar"
  printf 'rules:\n  - pattern: ".*"\n' > "$work/jmx.yaml"
else
  echo "jmx_prometheus_javaagent 1.0.1 unavailable: measuring without it" >&2
fi

# Total CPU ticks (user + system) of a process, and per thread.
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() { for t in /proc/"$1"/task/*; do echo "$(basename "$t") $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)"; done; }

# measure LABEL JVM-OPTIONS...: prints "label rss_kib threads cpu_ms busy_threads"
measure() {
  local label="$1"; shift
  "$java" "$@" -cp "$work" Idle > "$work/$label.out" 2> "$work/$label.err" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 100); do grep -q ready "$work/$label.out" 2>/dev/null && break; sleep 0.1; done
  sleep "$settle"
  local t0 c0 c1 busy
  thread_ticks "$pid" > "$work/$label.t0"
  c0="$(proc_ticks "$pid")"
  sleep "$window"
  c1="$(proc_ticks "$pid")"
  busy="$(thread_ticks "$pid" | awk 'NR==FNR {before[$1]=$2; next} ($1 in before) && $2 > before[$1] {n++} END {print n+0}' "$work/$label.t0" -)"
  local rss threads
  rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")"
  threads="$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$label $rss $threads $(( (c1 - c0) * 1000 / hz )) $busy"
}

report() {
  local heap="$1"; shift
  local base leak jmxline
  base="$(measure "none$heap" "$@")"
  leak="$(measure "leakwatch$heap" "$@" "-javaagent:$agent=port=0")"
  [ -n "$jmx" ] && jmxline="$(measure "jmx$heap" "$@" "-javaagent:$jmx=0:$work/jmx.yaml")"
  printf '%s\n%s\n' "$base" "$leak"
  [ -n "$jmx" ] && printf '%s\n' "$jmxline"
  read -r _ brss bthr _ _ <<< "$base"
  read -r _ lrss lthr lcpu lbusy <<< "$leak"
  echo "  leakwatch-javaagent: RSS +$(( (lrss - brss) / 1024 )) MiB ($(( lrss - brss )) KiB), threads +$(( lthr - bthr )), CPU ${lcpu} ms in ${window} s"
  if [ -n "$jmx" ]; then
    read -r _ jrss jthr jcpu _ <<< "$jmxline"
    echo "  jmx_exporter 1.0.1:  RSS +$(( (jrss - brss) / 1024 )) MiB ($(( jrss - brss )) KiB), threads +$(( jthr - bthr )), CPU ${jcpu} ms in ${window} s"
    if [ $(( lrss - brss )) -gt 0 ]; then
      echo "  ratio jmx_exporter / leakwatch RSS delta: $(awk -v j=$(( jrss - brss )) -v l=$(( lrss - brss )) 'BEGIN {printf "%.1f", j / l}')"
    fi
  fi
}

echo "java: $("$java" -version 2>&1 | head -n1); machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MiB"
echo "agent jar: $(stat -c %s "$agent") bytes; settle ${settle} s, window ${window} s"
echo "columns: run rss_kib threads cpu_ms_in_window threads_with_cpu_in_window"
echo "== default heap"
report ""
echo "== -Xmx64m"
report "-xmx64m" -Xmx64m
