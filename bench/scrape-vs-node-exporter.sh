#!/usr/bin/env bash
# Runs the leakwatch agent (host + self collectors) and node_exporter side by side on
# 127.0.0.1, scrapes each N times, and prints series count, RSS, CPU per scrape and median
# scrape latency, with the ratio leakwatch / node_exporter.
#
#   bench/scrape-vs-node-exporter.sh [scrapes=30] [seconds between scrapes=1]
#
# CPU per scrape is each process's CPU time over the measured window divided by the scrapes:
# node_exporter collects when scraped, the agent on its own schedule (set to the scrape spacing
# here), so both figures are the cost of one collect-and-serve cycle.
# NE_COLLECTORS=matched (default) enables only the node_exporter collectors the agent mirrors
# (cpu, stat, meminfo, loadavg, filesystem, diskstats, netdev, filefd, time); NE_COLLECTORS=default
# runs node_exporter with its defaults. NODE_EXPORTER, JAVA and LEAKWATCH_JAR override the
# binaries; AGENT_JAVA_OPTS the agent's JVM options (default: bin/leakwatch's for the agent);
# WARMUP_SECONDS (60) the wait before measuring.
set -euo pipefail

scrapes="${1:-30}"
spacing="${2:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/common.sh
source "$here/bench/lib/common.sh"
jar="${LEAKWATCH_JAR:-$here/leakwatch-agent/target/leakwatch.jar}"
java="${JAVA:-java}"
mode="${NE_COLLECTORS:-matched}"

node_exporter="$(find_node_exporter)"
if [ ! -f "$jar" ]; then
  echo "building $jar ..." >&2
  (cd "$here" && mvn -B -q -DskipTests -pl leakwatch-agent -am package >&2)
fi

agent_port="$(free_port)"

{ agent_config_start "$agent_port"; cat <<YAML
collectors:
  host:
    interval: ${spacing}s
  self:
    interval: ${spacing}s
  processes:
    enabled: false
  jvms:
    enabled: false
YAML
} > "$work/leakwatch.yml"

launcher_opts="$(launcher_agent_opts)"
# shellcheck disable=SC2086 # the options are words
"$java" ${AGENT_JAVA_OPTS:-$launcher_opts} -jar "$jar" agent --config "$work/leakwatch.yml" \
  2> "$work/agent.log" &
pids+=($!)
agent_pid=$!

start_node_exporter "$node_exporter" "$mode"

wait_up "http://127.0.0.1:$agent_port/-/ready"
wait_up "http://127.0.0.1:$ne_port/metrics"
# Let both settle under the same scraping before measuring (the JVM compiles its hot code in
# the first minute; node_exporter grows its buffers).
warm_until=$(( $(date +%s) + ${WARMUP_SECONDS:-60} ))
while [ "$(date +%s)" -lt "$warm_until" ]; do
  curl -s -o /dev/null "http://127.0.0.1:$agent_port/metrics"
  curl -s -o /dev/null "http://127.0.0.1:$ne_port/metrics"
  sleep "$spacing"
done

# measure NAME PID URL: prints "series rss_kb cpu_ms_per_scrape median_ms"
measure() {
  local name="$1" pid="$2" url="$3" body="$work/$1.prom" times="$work/$1.times"
  : > "$times"
  local before after
  before="$(cpu_ticks "$pid")"
  for _ in $(seq 1 "$scrapes"); do
    curl -s -o "$body" -w '%{time_total}\n' "$url" >> "$times"
    sleep "$spacing"
  done
  after="$(cpu_ticks "$pid")"
  local series median cpu
  series="$(grep -vc '^#' "$body")"
  median="$(sort -g "$times" | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m * 1000 }')"
  cpu="$(awk -v d="$((after - before))" -v hz="$clk_tck" -v n="$scrapes" 'BEGIN { printf "%.2f", d * 1000 / hz / n }')"
  echo "$series $(rss_kb "$pid") $cpu $median"
}

read -r a_series a_rss a_cpu a_lat <<< "$(measure leakwatch "$agent_pid" "http://127.0.0.1:$agent_port/metrics")"
read -r n_series n_rss n_cpu n_lat <<< "$(measure node_exporter "$ne_pid" "http://127.0.0.1:$ne_port/metrics")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
echo
echo "leakwatch (host + self) vs node_exporter ($mode collectors), $scrapes scrapes ${spacing}s apart, $(nproc) CPUs"
printf '%-22s %14s %14s %10s\n' "" leakwatch node_exporter ratio
printf '%-22s %14s %14s %10s\n' "series" "$a_series" "$n_series" "$(ratio "$a_series" "$n_series")"
printf '%-22s %14s %14s %10s\n' "RSS (MB)" "$(awk -v k="$a_rss" 'BEGIN { printf "%.1f", k / 1024 }')" \
  "$(awk -v k="$n_rss" 'BEGIN { printf "%.1f", k / 1024 }')" "$(ratio "$a_rss" "$n_rss")"
printf '%-22s %14s %14s %10s\n' "CPU per scrape (ms)" "$a_cpu" "$n_cpu" "$(ratio "$a_cpu" "$n_cpu")"
printf '%-22s %14s %14s %10s\n' "median latency (ms)" "$a_lat" "$n_lat" "$(ratio "$a_lat" "$n_lat")"
