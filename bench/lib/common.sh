# Shared helpers of the bench/ drivers: a scratch directory and child processes cleaned up on
# exit, loopback ports, /proc readings, and a group of small idle JVMs to watch.
# Source it after `set -euo pipefail`; it sets $work and $root.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
pids=()
clk_tck="$(getconf CLK_TCK)"

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# agent_config_start PORT: the start of a driver's agent configuration: the metrics listener on
# 127.0.0.1:PORT, the admin listener on a free loopback port, data under $work/data. The driver
# appends its own sections.
agent_config_start() {
  cat <<YAML
listeners:
  metrics:
    address: 127.0.0.1:$1
  admin:
    address: 127.0.0.1:0
data_dir: $work/data
YAML
}

# wait_up URL: waits up to 60 s for URL to answer 2xx.
wait_up() {
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "$1 did not come up; logs in $work:" >&2
  tail -n 20 "$work"/*.log >&2 || true
  exit 2
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
ticks_to_ms() { awk -v t="$1" -v hz="$clk_tck" 'BEGIN { printf "%.1f", t * 1000 / hz }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }

# A JVM that does nothing after start: the watched services of the drivers (an idle service is
# the worst case for "costs the watched JVM nothing": any safepoint or CPU we caused would show).
compile_idle() {
  cat > "$work/Idle.java" <<'JAVA'
public class Idle {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
JAVA
  javac -d "$work" "$work/Idle.java"
}

# start_idle_jvms N [JVM options...]: starts N idle JVMs (JDK 17 `java`, -Xmx64m by default)
# and waits until each has printed "ready"; their pids go to $work/jvms.pids.
start_idle_jvms() {
  local n="$1"; shift
  [ -f "$work/Idle.class" ] || compile_idle
  : > "$work/jvms.pids"
  local i p
  for i in $(seq 1 "$n"); do
    "${JAVA:-java}" ${IDLE_JVM_OPTS:--Xmx64m -Xss256k} "$@" -cp "$work" Idle > "$work/idle-$i.out" 2>&1 &
    p=$!
    pids+=("$p")
    echo "$p" >> "$work/jvms.pids"
  done
  for i in $(seq 1 "$n"); do
    for _ in $(seq 1 300); do grep -q ready "$work/idle-$i.out" 2>/dev/null && break; sleep 0.1; done
  done
}

# sum_ticks FILE-OF-PIDS: total CPU ticks of those processes.
sum_ticks() {
  local t=0 p
  while read -r p; do t=$(( t + $(cpu_ticks "$p") )); done < "$1"
  echo "$t"
}

# The agent's JVMs watched: distinct pid labels of jvm_threads_live in a scrape body.
jvms_in_scrape() { grep '^jvm_threads_live{' "$1" | grep -o 'pid="[0-9]*"' | sort -u | wc -l; }

# metric_value FILE NAME: the value of the first sample of NAME (no labels or any labels).
metric_value() { awk -v n="$2" '$1 == n || index($1, n "{") == 1 { print $NF; exit }' "$1"; }

machine_line() {
  echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(ls /tmp/hsperfdata_*/ 2>/dev/null | grep -c '^[0-9]') JVMs running on the host"
}

# bench_classpath: prints the classpath of leakwatch-bench (its classes and runtime dependencies),
# building it when absent. The output file is absolute: each module of the reactor writes it, and
# leakwatch-bench, built last, leaves its own.
bench_classpath() {
  local cp_file="$root/leakwatch-bench/target/cp.txt"
  if [ ! -f "$cp_file" ] || ! grep -q leakwatch-agent "$cp_file"; then
    (cd "$root" && mvn -B -q -DskipTests -pl leakwatch-bench -am package dependency:build-classpath \
       -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2)
  fi
  echo "$root/leakwatch-bench/target/classes:$(cat "$cp_file")"
}

# The JVM and options bin/leakwatch starts the agent with (LEAKWATCH_JAVA / LEAKWATCH_JAVA_OPTS
# override them as they override the launcher), read from the launcher so the drivers follow it.
launcher_java() {
  if [ -n "${LEAKWATCH_JAVA:-}" ]; then echo "$LEAKWATCH_JAVA"; return; fi
  local best="" best_v=0 c v
  for c in /usr/lib/jvm/*/bin/java "$(command -v java)"; do
    [ -x "$c" ] || continue
    v="$("$c" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)"
    v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 17 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  echo "$best"
}
launcher_agent_opts() {
  if [ -n "${LEAKWATCH_JAVA_OPTS:-}" ]; then echo "$LEAKWATCH_JAVA_OPTS"; return; fi
  LEAKWATCH_PRINT_OPTS=1 "$root/bin/leakwatch" agent
}

# The node_exporter binary (Debian's prometheus-node-exporter; NODE_EXPORTER overrides it).
# Exits with a hint when there is none, so a driver fails before it starts anything.
find_node_exporter() {
  local bin="${NODE_EXPORTER:-$(command -v prometheus-node-exporter || command -v node_exporter || true)}"
  [ -x "$bin" ] || { echo "node_exporter not found (apt-get install prometheus-node-exporter, or set NODE_EXPORTER)" >&2; exit 2; }
  echo "$bin"
}

# start_node_exporter BINARY MODE: node_exporter on a free loopback port with its default
# collectors (MODE=default) or only those the agent's host collector mirrors (MODE=matched);
# sets $ne_port and $ne_pid, its log in $work/node_exporter.log.
start_node_exporter() {
  ne_port="$(free_port)"
  local args=(--web.listen-address="127.0.0.1:$ne_port")
  if [ "$2" = matched ]; then
    args+=(--collector.disable-defaults --collector.cpu --collector.stat --collector.meminfo --collector.loadavg
           --collector.filesystem --collector.diskstats --collector.netdev --collector.filefd --collector.time)
  fi
  "$1" "${args[@]}" 2> "$work/node_exporter.log" &
  pids+=($!)
  ne_pid=$!
}
