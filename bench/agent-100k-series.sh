#!/usr/bin/env bash
# Agent memory with a full store: the real agent daemon (dev.leakwatch.bench.load.SeriesLoadAgent:
# what `leakwatch agent` builds, plus a component writing synthetic application series into the
# store every interval), run with bin/leakwatch's JVM and agent options, its host, self and jvms
# collectors over N idle JVMs, scraped every interval, for some minutes.
#
#   bench/agent-100k-series.sh [minutes=10] [series-per-run=100000] [pool=series-per-run] [jvms=20] [interval=15]
#
# pool = series-per-run: the same series updated every run (100k active series).
# pool > series-per-run: each run offers series the store has not held (churn); e.g.
#   bench/agent-100k-series.sh 10 1000000 10000000   offers 10x the store's cap every run.
# store.max_series is set to MAX_SERIES (110000: the synthetic series plus the agent's own).
# Every scrape records RSS, the agent's heap after GC, leakwatch_store_bytes and
# leakwatch_store_series; the summary gives RSS at the end, its mean over the last half, the
# highest sampled RSS and the kernel's peak (VmHWM). CSV=FILE keeps the per-scrape table.
# SCRAPE_GZIP=1 scrapes with gzip, as Prometheus does (plain text otherwise, as curl asks).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

minutes="${1:-10}"
per_run="${2:-100000}"
pool="${3:-$per_run}"
njvms="${4:-20}"
interval="${5:-15}"
max_series="${MAX_SERIES:-110000}"
target_mib="${TARGET_MIB:-96}"
curl_gzip=""; [ "${SCRAPE_GZIP:-0}" = 1 ] && curl_gzip="--compressed"

bench_cp="$(bench_classpath)"
java_bin="$(launcher_java)"
opts="$(launcher_agent_opts)"

start_idle_jvms "$njvms"
port="$(free_port)"
{ agent_config_start "$port"; cat <<YAML
store:
  max_series: $max_series
collectors:
  host:
    interval: ${interval}s
  self:
    interval: ${interval}s
  processes:
    enabled: false
  jvms:
    interval: ${interval}s
YAML
} > "$work/leakwatch.yml"
# shellcheck disable=SC2086 # options are words
"$java_bin" $opts -cp "$bench_cp" dev.leakwatch.bench.load.SeriesLoadAgent "$work/leakwatch.yml" \
  "$per_run" "$pool" "$interval" 2> "$work/agent.log" &
pids+=($!)
agent_pid=$!
wait_up "http://127.0.0.1:$port/-/ready"

echo "agent $agent_pid: $java_bin $opts; $per_run series per run from a pool of $pool; ${minutes} min" >&2
csv="$work/samples.csv"
echo "seconds,rss_kib,heap_after_gc_bytes,store_bytes,store_series,dropped_limit,scrape_ms,body_bytes" > "$csv"
start="$(date +%s)"; end=$(( start + minutes * 60 )); next="$start"
while true; do
  ms="$(curl -s $curl_gzip -o "$work/scrape.prom" -w '%{time_total}' "http://127.0.0.1:$port/metrics" | awk '{ printf "%.0f", $1 * 1000 }')"
  printf '%s,%s,%s,%s,%s,%s,%s,%s\n' "$(( $(date +%s) - start ))" "$(rss_kb "$agent_pid")" \
    "$(metric_value "$work/scrape.prom" leakwatch_agent_heap_after_gc_bytes)" \
    "$(metric_value "$work/scrape.prom" leakwatch_store_bytes)" \
    "$(metric_value "$work/scrape.prom" leakwatch_store_series)" \
    "$(awk '/^leakwatch_series_dropped_total\{.*reason="limit"/ { print $NF; exit }' "$work/scrape.prom")" \
    "$ms" "$(stat -c %s "$work/scrape.prom")" >> "$csv"
  next=$(( next + interval ))
  [ "$next" -lt "$end" ] || break
  while [ "$(date +%s)" -lt "$next" ]; do sleep 0.2; done
done
hwm="$(hwm_kb "$agent_pid")"
# The live heap: a full collection requested at the end (attaches to the agent; the run is over),
# then the heap in use. The agent's own leakwatch_agent_heap_after_gc_bytes is also recorded, but
# sums each pool's usage after its last collection, so it stays low until a full collection.
jcmd="$(dirname "$java_bin")/jcmd"
heap_sum() { # COLUMN (total or used) of the generations in GC.heap_info, in KiB
  "$jcmd" "$agent_pid" GC.heap_info 2>/dev/null | awk -v c="$1" '/ total [0-9]+K, used [0-9]+K/ {
    for (i = 1; i <= NF; i++) if ($i == c) { v = $(i + 1); sub(/K,?$/, "", v); s += v } } END { print s + 0 }'
}
committed_kb="$(heap_sum total)"
"$jcmd" "$agent_pid" GC.run > /dev/null 2>&1 || true
live_kb="$(heap_sum used)"
[ -n "${CSV:-}" ] && cp "$csv" "$CSV"

mib() { awk -v b="$1" -v d="$2" 'BEGIN { printf "%.1f", b / d }'; }
summary="$(awk -F, -v half=$(( minutes * 30 )) 'NR > 1 {
    n++; rss = $2; if ($2 > max) max = $2
    if ($1 >= half) { s += $2; k++ }
    heap = $3; store = $4; series = $5; dropped = $6; body = $8
  } END { printf "%d %d %d %d %d %d %s %d", rss, (k ? s / k : rss), max, heap, store, series, dropped, body }' "$csv")"
read -r rss_end rss_mean rss_max heap store series dropped body <<< "$summary"
lat="$(tail -n +2 "$csv" | cut -d, -f7 | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"

echo
machine_line
echo "agent: $java_bin $opts; collectors host, self, jvms every ${interval}s over $(jvms_in_scrape "$work/scrape.prom") JVMs; scraped every ${interval}s for ${minutes} min"
echo "load: $per_run series per run from a pool of $pool (store.max_series $max_series, per metric 2000)"
printf '%-36s %10s\n' "store series at end" "$series"
printf '%-36s %10s\n' "series refused at the cap (total)" "${dropped:-0}"
printf '%-36s %10s\n' "RSS at end (MiB)" "$(mib "$rss_end" 1024)"
printf '%-36s %10s\n' "RSS mean over the last half (MiB)" "$(mib "$rss_mean" 1024)"
printf '%-36s %10s\n' "RSS highest sampled (MiB)" "$(mib "$rss_max" 1024)"
printf '%-36s %10s\n' "RSS peak, VmHWM (MiB)" "$(mib "$hwm" 1024)"
printf '%-36s %10s\n' "heap committed at end (MiB)" "$(mib "$committed_kb" 1024)"
printf '%-36s %10s\n' "heap after a full GC at end (MiB)" "$(mib "$live_kb" 1024)"
printf '%-36s %10s\n' "leakwatch_agent_heap_after_gc (MiB)" "$(mib "$heap" 1048576)"
printf '%-36s %10s\n' "leakwatch_store_bytes (MiB)" "$(mib "$store" 1048576)"
printf '%-36s %10s\n' "median scrape (ms), body (MB)" "$lat, $(mib "$body" 1000000)"
echo "RSS every scrape (MiB): $(awk -F, 'NR > 1 { printf "%s%.0f", sep, $2 / 1024; sep = " " }' "$csv")"
verdict=$(awk -v r="$rss_max" -v t="$target_mib" 'BEGIN { print (r / 1024 <= t) ? "met" : "MISSED" }')
echo "SUMMARY agent-100k-series: $series series ($per_run per run, pool $pool): RSS end $(mib "$rss_end" 1024) MiB, mean $(mib "$rss_mean" 1024), max sampled $(mib "$rss_max" 1024), VmHWM $(mib "$hwm" 1024); heap committed $(mib "$committed_kb" 1024) MiB, after full GC $(mib "$live_kb" 1024) MiB; store $(mib "$store" 1048576) MiB; target <= $target_mib MiB (max sampled): $verdict"
