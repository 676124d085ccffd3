#!/usr/bin/env bash
# Steady CPU of the agent with its default collectors (host, self, processes, jvms) at one
# interval over the host and N idle JVMs, scraped at that interval, side by side with
# node_exporter scraped at the same interval in the same run.
#
#   bench/steady-cpu.sh [minutes=10] [warmup-minutes=2] [interval-seconds=10] [jvms=20]
#
# CPU % of one core = (utime + stime delta) / wall time over the measured window, after the
# warm-up (both processes scraped during the warm-up too). The agent runs through
# bin/leakwatch agent (the launcher's JVM and flags; LEAKWATCH_JAVA_OPTS overrides them).
# NE_COLLECTORS=default (the default here: node_exporter as installed) or matched (only the
# collectors the agent's host collector mirrors). NODE_EXPORTER overrides the binary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

minutes="${1:-10}"
warmup="${2:-2}"
interval="${3:-10}"
njvms="${4:-20}"
mode="${NE_COLLECTORS:-default}"
node_exporter="$(find_node_exporter)"

start_idle_jvms "$njvms"

agent_port="$(free_port)"
{ agent_config_start "$agent_port"; cat <<YAML
collectors:
  host:
    interval: ${interval}s
  self:
    interval: ${interval}s
  processes:
    interval: ${interval}s
  jvms:
    interval: ${interval}s
YAML
} > "$work/leakwatch.yml"
"$root/bin/leakwatch" agent --config "$work/leakwatch.yml" 2> "$work/agent.log" &
pids+=($!)
agent_pid=$!

start_node_exporter "$node_exporter" "$mode"

wait_up "http://127.0.0.1:$agent_port/-/ready"
wait_up "http://127.0.0.1:$ne_port/metrics"

# scrape_for SECONDS: scrapes both every interval, on a fixed grid so the spacing holds.
scrape_for() {
  local end=$(( $(date +%s) + $1 )) next
  next="$(date +%s)"
  while true; do
    curl -s -o "$work/agent.prom" "http://127.0.0.1:$agent_port/metrics" || true
    curl -s -o "$work/ne.prom" "http://127.0.0.1:$ne_port/metrics" || true
    jvms_in_scrape "$work/agent.prom" >> "$work/jvm-counts"
    next=$(( next + interval ))
    [ "$next" -lt "$end" ] || break
    while [ "$(date +%s)" -lt "$next" ]; do sleep 0.2; done
  done
}

echo "warm-up ${warmup} min, then ${minutes} min measured; interval ${interval}s; $njvms idle JVMs" >&2
scrape_for $(( warmup * 60 ))
: > "$work/jvm-counts"
a0="$(cpu_ticks "$agent_pid")"; n0="$(cpu_ticks "$ne_pid")"; t0="$(now_ms)"
scrape_for $(( minutes * 60 ))
a1="$(cpu_ticks "$agent_pid")"; n1="$(cpu_ticks "$ne_pid")"; t1="$(now_ms)"

pct() { awk -v d="$1" -v hz="$clk_tck" -v ms="$2" 'BEGIN { printf "%.3f", d / hz * 1000 / ms * 100 }'; }
a_pct="$(pct $(( a1 - a0 )) $(( t1 - t0 )))"
n_pct="$(pct $(( n1 - n0 )) $(( t1 - t0 )))"
a_series="$(grep -vc '^#' "$work/agent.prom")"
n_series="$(grep -vc '^#' "$work/ne.prom")"

echo
machine_line
echo "agent: $("$root/bin/leakwatch" --version 2>/dev/null | head -n1 || true), launcher JVM options: ${LEAKWATCH_JAVA_OPTS:-default}; node_exporter: $mode collectors"
echo "window $(( (t1 - t0) / 1000 )) s after ${warmup} min warm-up, scraped every ${interval}s; agent watched $(sort -n "$work/jvm-counts" | awk '{ a[NR] = $1; s += $1 } END { printf "%.0f (%d-%d)", s / NR, a[1], a[NR] }') JVMs (mean (min-max); every JVM on the host)"
printf '%-24s %14s %14s %8s\n' "" leakwatch node_exporter ratio
printf '%-24s %14s %14s %8s\n' "CPU % of one core" "$a_pct" "$n_pct" "$(ratio "$a_pct" "$n_pct")"
printf '%-24s %14s %14s %8s\n' "CPU ms in window" "$(ticks_to_ms $(( a1 - a0 )))" "$(ticks_to_ms $(( n1 - n0 )))" ""
printf '%-24s %14s %14s %8s\n' "series" "$a_series" "$n_series" "$(ratio "$a_series" "$n_series")"
printf '%-24s %14s %14s %8s\n' "RSS (MiB)" "$(( $(rss_kb "$agent_pid") / 1024 ))" "$(( $(rss_kb "$ne_pid") / 1024 ))" \
  "$(ratio "$(rss_kb "$agent_pid")" "$(rss_kb "$ne_pid")")"
verdict=$(awk -v p="$a_pct" 'BEGIN { print (p <= 1.0) ? "met" : "MISSED" }')
echo "SUMMARY steady-cpu: leakwatch ${a_pct}% vs node_exporter ${n_pct}% of one core (ratio $(ratio "$a_pct" "$n_pct")), ${interval}s interval, ${minutes} min; target <= 1%: $verdict"
