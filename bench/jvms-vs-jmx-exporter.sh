#!/usr/bin/env bash
# What JVM metrics of N JVMs cost: the agent's CPU per run of its jvms collector (hsperfdata
# reads of every JVM) against the CPU one jmx_exporter javaagent 1.0.1 spends per scrape of its
# one host JVM, and what the watched JVMs pay (CPU, safepoints, any attach), in one run.
#
#   bench/jvms-vs-jmx-exporter.sh [runs=18] [interval-seconds=10] [jvms=20]
#
# Starts N idle JVMs (JDK 17 `java`, -Xmx64m) to be watched, plus one idle JVM carrying
# jmx_prometheus_javaagent 1.0.1 (from Maven Central; rule ".*", on 127.0.0.1). Then:
#  1. agent off: the N JVMs' CPU and safepoints (sun.rt.safepoints, read from hsperfdata by
#     dev.leakwatch.bench.jvms.SafepointCounts, no attach) over `runs` intervals;
#  2. two agents through bin/leakwatch agent, both with only the self collector plus, in agent A
#     only, the jvms collector at the interval; all three endpoints scraped every interval; after
#     WARMUP_SECONDS (60), the same window again: agent CPU per jvms run = (CPU of A - CPU of B)
#     / runs (the same daemon with and without the collector, side by side, so scrapes, self
#     collection and JIT noise cancel; it includes exposing the N JVMs' series); jmx_exporter's
#     CPU per scrape = its JVM's utime+stime delta / scrapes, raw, and net of an idle JVM's CPU
#     over one interval (the mean of the N watched JVMs with the agent off);
#  3. Attach Listener threads in every watched JVM (/proc/<pid>/task/*/comm) and .attach_pid files.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

runs="${1:-18}"
interval="${2:-10}"
njvms="${3:-20}"
window=$(( runs * interval ))

bench_cp="$(bench_classpath)"

mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
  -Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1 -DoutputDirectory="$work" >&2
jmx="$work/jmx_prometheus_javaagent-1.0.1.jar"
printf 'rules:\n  - pattern: ".*"\n' > "$work/jmx.yaml"

start_idle_jvms "$njvms"
watched="$work/jvms.pids"
jmx_port="$(free_port)"
"${JAVA:-java}" ${IDLE_JVM_OPTS:--Xmx64m -Xss256k} "-javaagent:$jmx=127.0.0.1:$jmx_port:$work/jmx.yaml" -cp "$work" Idle \
  > "$work/jmx.log" 2>&1 &
pids+=($!)
jmx_pid=$!
wait_up "http://127.0.0.1:$jmx_port/metrics"

# snapshot FILE: "pid cpu_ticks safepoints safepoint_ms" for each watched JVM.
snapshot() {
  # shellcheck disable=SC2046 # pids are words
  "${JAVA:-java}" -XX:-UsePerfData -XX:TieredStopAtLevel=1 -cp "$bench_cp" dev.leakwatch.bench.jvms.SafepointCounts \
    $(cat "$watched") > "$work/sp.tmp"
  while read -r pid sp ms; do echo "$pid $(cpu_ticks "$pid") $sp $ms"; done < "$work/sp.tmp" > "$1"
}
# delta A B COLUMN: summed difference of a column between two snapshots.
delta() { awk -v c="$3" 'NR == FNR { a[$1] = $c; next } { d += $c - a[$1] } END { printf "%g", d }' "$1" "$2"; }

# scrape_for SECONDS URL...: scrapes each URL every interval on a fixed grid; counts jmx scrapes.
jmx_scrapes=0
scrape_for() {
  local secs="$1"; shift
  local end=$(( $(date +%s) + secs )) next u i
  next="$(date +%s)"
  while true; do
    i=0
    for u in "$@"; do
      i=$(( i + 1 ))
      curl -s -o "$work/scrape-$i.prom" "$u" || true
    done
    jmx_scrapes=$(( jmx_scrapes + 1 ))
    [ "$#" -lt 2 ] || jvms_in_scrape "$work/scrape-2.prom" >> "$work/jvm-counts"
    next=$(( next + interval ))
    [ "$next" -lt "$end" ] || break
    while [ "$(date +%s)" -lt "$next" ]; do sleep 0.2; done
  done
}
jmx_url="http://127.0.0.1:$jmx_port/metrics"

echo "settling 15 s, then the agent-off window (${window} s)" >&2
scrape_for 15 "$jmx_url"
snapshot "$work/off0"
scrape_for "$window" "$jmx_url"
snapshot "$work/off1"

a_port="$(free_port)"; b_port="$(free_port)"
agent_config() { # PORT JVMS-ENABLED
  cat <<YAML
listeners:
  metrics:
    address: 127.0.0.1:$1
  admin:
    address: 127.0.0.1:0
data_dir: $work/data-$1
collectors:
  host:
    enabled: false
  processes:
    enabled: false
  self:
    interval: ${interval}s
  jvms:
    enabled: $2
    interval: ${interval}s
YAML
}
agent_config "$a_port" true > "$work/a.yml"
agent_config "$b_port" false > "$work/b.yml"
"$root/bin/leakwatch" agent --config "$work/a.yml" 2> "$work/agent-a.log" &
pids+=($!); a_pid=$!
"$root/bin/leakwatch" agent --config "$work/b.yml" 2> "$work/agent-b.log" &
pids+=($!); b_pid=$!
wait_up "http://127.0.0.1:$a_port/-/ready"
wait_up "http://127.0.0.1:$b_port/-/ready"
a_url="http://127.0.0.1:$a_port/metrics"; b_url="http://127.0.0.1:$b_port/metrics"

echo "agents up; warm-up ${WARMUP_SECONDS:-60} s, then the agent-on window (${window} s)" >&2
scrape_for "${WARMUP_SECONDS:-60}" "$jmx_url" "$a_url" "$b_url"
snapshot "$work/on0"
: > "$work/jvm-counts"
a0="$(cpu_ticks "$a_pid")"; b0="$(cpu_ticks "$b_pid")"; j0="$(cpu_ticks "$jmx_pid")"; s0=$jmx_scrapes
scrape_for "$window" "$jmx_url" "$a_url" "$b_url"
a1="$(cpu_ticks "$a_pid")"; b1="$(cpu_ticks "$b_pid")"; j1="$(cpu_ticks "$jmx_pid")"; s1=$jmx_scrapes
snapshot "$work/on1"
nscrapes=$(( s1 - s0 ))

# Attach: a JVM starts its "Attach Listener" thread on the first attach request and keeps it.
attached=0
while read -r p; do
  if grep -qx 'Attach Listener' /proc/"$p"/task/*/comm 2>/dev/null || [ -e "/proc/$p/cwd/.attach_pid$p" ] \
     || [ -e "/tmp/.attach_pid$p" ]; then
    attached=$(( attached + 1 ))
  fi
done < "$watched"

jvms_seen="$(sort -n "$work/jvm-counts" | awk '{ a[NR] = $1; s += $1 } END { printf "%.0f (%d-%d)", s / NR, a[1], a[NR] }')"
jvms_last_ms="$(awk '/^leakwatch_collector_duration_seconds\{.*collector="jvms"/ { printf "%.1f", $NF * 1000 }' "$work/scrape-2.prom" | head -n1)"

agent_ms="$(awk -v a=$(( a1 - a0 )) -v b=$(( b1 - b0 )) -v hz="$clk_tck" -v n="$runs" 'BEGIN { printf "%.1f", (a - b) * 1000 / hz / n }')"
jmx_ms="$(awk -v d=$(( j1 - j0 )) -v hz="$clk_tck" -v n="$nscrapes" 'BEGIN { printf "%.1f", d * 1000 / hz / n }')"
idle_ms="$(awk -v d="$(delta "$work/off0" "$work/off1" 2)" -v hz="$clk_tck" -v n="$njvms" -v r="$runs" \
  'BEGIN { printf "%.1f", d * 1000 / hz / n / r }')"
jmx_net_ms="$(awk -v j="$jmx_ms" -v i="$idle_ms" 'BEGIN { printf "%.1f", j - i }')"
cpu_off="$(ticks_to_ms "$(delta "$work/off0" "$work/off1" 2)")"
cpu_on="$(ticks_to_ms "$(delta "$work/on0" "$work/on1" 2)")"
sp_off="$(delta "$work/off0" "$work/off1" 3)"
sp_on="$(delta "$work/on0" "$work/on1" 3)"
jmx_rss_mb=$(( $(rss_kb "$jmx_pid") / 1024 ))
idle_rss_mb=$(( $(while read -r p; do rss_kb "$p"; done < "$watched" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') / 1024 ))

echo
machine_line
echo "$njvms idle JVMs watched ($("${JAVA:-java}" -version 2>&1 | head -n1)); agent A watched $jvms_seen JVMs (every JVM on the host: mean (min-max) over the window); windows of $runs x ${interval}s"
printf '%-46s %12s %12s\n' "" "agent off" "agent on"
printf '%-46s %12s %12s\n' "watched JVMs: CPU ms in window (sum of $njvms)" "$cpu_off" "$cpu_on"
printf '%-46s %12s %12s\n' "watched JVMs: safepoints in window (sum)" "$sp_off" "$sp_on"
printf '%-46s %12s %12s\n' "watched JVMs: safepoint ms in window (sum)" "$(delta "$work/off0" "$work/off1" 4)" "$(delta "$work/on0" "$work/on1" 4)"
echo "watched JVMs with an Attach Listener thread or .attach_pid file: $attached of $njvms"
echo
printf '%-46s %12s\n' "agent: CPU ms per jvms run (${jvms_seen%% *} JVMs)" "$agent_ms"
printf '%-46s %12s\n' "agent: jvms collector wall ms (last run)" "${jvms_last_ms:--}"
printf '%-46s %12s\n' "agent: RSS MiB (A with jvms, B without)" "$(( $(rss_kb "$a_pid") / 1024 )) / $(( $(rss_kb "$b_pid") / 1024 ))"
printf '%-46s %12s\n' "jmx_exporter: CPU ms per scrape (raw, $nscrapes)" "$jmx_ms"
printf '%-46s %12s\n' "jmx_exporter: CPU ms per scrape net of idle" "$jmx_net_ms"
printf '%-46s %12s\n' "jmx_exporter host JVM RSS vs idle JVM (MiB)" "$jmx_rss_mb vs $idle_rss_mb (+$(( jmx_rss_mb - idle_rss_mb )))"
echo "SUMMARY jvms-vs-jmx-exporter: agent $agent_ms ms CPU per run over ${jvms_seen%% *} JVMs vs jmx_exporter $jmx_ms ms ($jmx_net_ms net of idle) per scrape of 1 JVM: ratio $(ratio "$agent_ms" "$jmx_ms") ($(ratio "$agent_ms" "$jmx_net_ms")); watched JVMs safepoints off/on $sp_off/$sp_on, CPU ms off/on $cpu_off/$cpu_on, attached $attached of $njvms"
