#!/usr/bin/env bash
# Several leakwatch agents (host + self collectors, each with its own JVM and options) and one
# node_exporter (the collectors the agent mirrors) on 127.0.0.1, all scraped round-robin once a
# second, so that every variant is measured side by side under the same load. After a warm-up,
# prints each process's CPU per round (utime + stime from /proc), split by thread into JIT
# compilers, HTTP (both listeners: dispatchers and handlers), collectors (timer and workers) and the leak watch,
# with RSS, series count and voluntary context switches (wake-ups). Then (unless KEEPALIVE=0) the
# same number of rounds again over one persistent connection per peer, as Prometheus scrapes
# (bench/lib/keepalive_scrape.py, the same client for every peer), reported the same way.
#
#   bench/jvm-options-vs-node-exporter.sh WARMUP_SECONDS ROUNDS "label|java|options[|jar]" ...
#
# e.g. bench/jvm-options-vs-node-exporter.sh 240 200 \
#        "c1|java|-XX:+UseSerialGC -Xmx160m -XX:TieredStopAtLevel=1" "c2|java|-XX:+UseSerialGC -Xmx160m"
# LEAKWATCH_JAR and NODE_EXPORTER override the binaries; a fourth field gives one variant its own
# jar (to compare two builds in one run).
set -u
warm=$1; rounds=$2; shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${LEAKWATCH_JAR:-$here/leakwatch-agent/target/leakwatch.jar}"
node_exporter="${NODE_EXPORTER:-$(command -v prometheus-node-exporter || command -v node_exporter)}"
work=$(mktemp -d); pids=(); labels=(); urls=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
for spec in "$@"; do
  IFS='|' read -r label java opts variant_jar <<< "$spec"
  port=$(free_port)
  cat > "$work/$label.yml" <<YAML
listeners:
  metrics:
    address: 127.0.0.1:$port
  admin:
    address: 127.0.0.1:0
data_dir: $work/data-$label
collectors:
  host:
    interval: 1s
  self:
    interval: 1s
  processes:
    enabled: false
  jvms:
    enabled: false
YAML
  # shellcheck disable=SC2086 # options are words
  "$java" $opts -jar "${variant_jar:-$jar}" agent --config "$work/$label.yml" > "$work/$label.log" 2>&1 &
  pids+=($!); labels+=("$label"); urls+=("http://127.0.0.1:$port/metrics")
done
port=$(free_port)
"$node_exporter" --web.listen-address=127.0.0.1:$port --collector.disable-defaults --collector.cpu \
  --collector.stat --collector.meminfo --collector.loadavg --collector.filesystem --collector.diskstats \
  --collector.netdev --collector.filefd --collector.time > "$work/ne.log" 2>&1 &
pids+=($!); labels+=(node_exporter); urls+=("http://127.0.0.1:$port/metrics")
for u in "${urls[@]}"; do
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$u" && break; sleep 0.5; done
done
round() { for u in "${urls[@]}"; do curl -s -o /dev/null "$u"; done; sleep 1; }
end=$(( $(date +%s) + warm )); while [ "$(date +%s)" -lt "$end" ]; do round; done
# thread readings: "tid|name|utime+stime|voluntary context switches" per thread
threads() {
  for t in /proc/"$1"/task/*; do
    echo "${t##*/}|$(cat "$t/comm" 2>/dev/null)|$(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null)|$(awk '/^voluntary_ctxt_switches/ { print $2 }' "$t/status" 2>/dev/null)"
  done
}
snapshot() { # snapshot PHASE-STAGE
  for i in "${!pids[@]}"; do threads "${pids[$i]}" > "$work/$1-$i"; done
}
ms_per_round() { awk -v d="$1" -v n="$rounds" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", d * 1000 / hz / n }'; }
per_round() { awk -v d="$1" -v n="$rounds" 'BEGIN { printf "%.1f", d / n }'; }
# part BEFORE AFTER NAME-REGEX FIELD: the growth of FIELD (3 CPU ticks, 4 wake-ups) of the matching threads
part() { awk -F'|' -v re="$3" -v f="$4" 'NR == FNR { b[$1] = $f; next } $2 ~ re { s += $f - b[$1] } END { print s + 0 }' "$1" "$2"; }
report() { # report PHASE TITLE
  echo "$2: $rounds rounds after ${warm}s, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  local i b a
  for i in "${!pids[@]}"; do
    b="$work/$1-before-$i"; a="$work/$1-after-$i"
    printf "%-16s CPU/round %6s ms (jit %5s, http %5s, collectors %5s, leak watch %5s)  wakes/round %5s (http %4s)  RSS %6.1f MB  series %s\n" "${labels[$i]}" \
      "$(ms_per_round "$(part "$b" "$a" . 3)")" \
      "$(ms_per_round "$(part "$b" "$a" Compiler 3)")" \
      "$(ms_per_round "$(part "$b" "$a" 'HTTP-Disp|metri|leakwatch-admin' 3)")" \
      "$(ms_per_round "$(part "$b" "$a" colle 3)")" \
      "$(ms_per_round "$(part "$b" "$a" 'leakwatch-leak' 3)")" \
      "$(per_round "$(part "$b" "$a" . 4)")" \
      "$(per_round "$(part "$b" "$a" 'HTTP-Disp|metri|leakwatch-admin' 4)")" \
      "$(awk '/VmRSS/ { print $2 / 1024 }' "/proc/${pids[$i]}/status")" "$(curl -s "${urls[$i]}" | grep -vc '^#')"
  done
}
snapshot curl-before
for _ in $(seq 1 "$rounds"); do round; done
snapshot curl-after
report curl "curl (a new connection per scrape)"
if [ "${KEEPALIVE:-1}" != 0 ]; then
  # The same peers scraped over one persistent connection each, as Prometheus scrapes.
  coproc ka { python3 "$here/bench/lib/keepalive_scrape.py" "$rounds" "${urls[@]}"; }
  read -r _ <&"${ka[0]}"; snapshot ka-before; echo go >&"${ka[1]}"
  read -r done_line <&"${ka[0]}"; snapshot ka-after; echo go >&"${ka[1]}"
  report ka "keep-alive (one persistent connection per peer, python http.client; ${done_line#after })"
fi
