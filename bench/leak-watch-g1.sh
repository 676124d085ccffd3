#!/usr/bin/env bash
# Time to suspect a heap leak in G1 JVMs, and false suspicions of benign ones, with the agent's
# leak watch at its default settings (15 s collectors, leak_watch defaults) and its default
# collector for the fixtures (G1 on JDK 17).
#
#   bench/leak-watch-g1.sh [minutes=12] [leak-minutes=6]
#
# Starts the agent (bin/leakwatch agent), then the fixtures below next to it, and scrapes
# /metrics every 5 s. "suspected after" is the first scrape with
# leakwatch_leak_suspected{pid,resource="heap"} = 1, from the fixture's start; "heap verdicts"
# says whether the watch had a heap signal for it (its leakwatch_leak_growth_per_minute was
# exported), so a benign row with "yes" was assessed, not merely unseen. Any other resource
# suspected is listed too. Leaking fixtures are stopped when flagged or after leak-minutes (their
# heap is full by then); benign ones run for the whole time. The one departure from the
# defaults: evidence captures are off, so the agent never attaches to other JVMs of the host (a
# capture starts only after a suspicion, so the time to suspect is the same).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

minutes="${1:-12}"
leak_minutes="${2:-6}"
fixtures_jar="$(ls "$root"/leakwatch-fixtures/target/leakwatch-fixtures-*.jar 2>/dev/null | grep -v sources | head -n1 || true)"
if [ -z "$fixtures_jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl leakwatch-fixtures package >&2)
  fixtures_jar="$(ls "$root"/leakwatch-fixtures/target/leakwatch-fixtures-*.jar | grep -v sources | head -n1)"
fi

# name | leaks (yes/no) | JVM options | main class and arguments
fixtures=(
  "HeapLeakService 60 MB/min|yes|-Xmx256m|HeapLeakService --rate-kb-per-min 61440"
  "HeapLeakService 30 MB/min|yes|-Xmx256m|HeapLeakService --rate-kb-per-min 30720"
  "SawtoothCache|no|-Xmx256m|SawtoothCache"
  "WarmupThenPlateau|no|-Xmx256m|WarmupThenPlateau"
  "LargeStableHeap|no|-Xmx256m|LargeStableHeap"
  "PeriodicBatch|no|-Xmx256m|PeriodicBatch"
  "GarbageChurn (HeapLeakUnderChurn, no leak)|no|-Xmx256m|HeapLeakUnderChurn --rate-kb-per-min 0"
  "BoundedThreadPool|no|-Xmx128m|BoundedThreadPool"
)

agent_port="$(free_port)"
{ agent_config_start "$agent_port"; cat <<YAML
leak_watch:
  capture:
    enabled: false
YAML
} > "$work/leakwatch.yml"
"$root/bin/leakwatch" agent --config "$work/leakwatch.yml" 2> "$work/agent.log" &
pids+=($!)
agent_pid=$!
wait_up "http://127.0.0.1:$agent_port/-/ready"

declare -a fpid fstart fname fleaks fsuspect fverdict fother
for i in "${!fixtures[@]}"; do
  IFS='|' read -r name leaks opts main <<< "${fixtures[$i]}"
  # shellcheck disable=SC2086
  java $opts -cp "$fixtures_jar" dev.leakwatch.fixtures.$main > "$work/fixture-$i.out" 2>&1 &
  fpid[$i]=$!
  pids+=("${fpid[$i]}")
  fstart[$i]="$(now_ms)"
  fname[$i]="$name"
  fleaks[$i]="$leaks"
  fsuspect[$i]=""
  fverdict[$i]="no"
  fother[$i]=""
done
echo "$(machine_line)" >&2
echo "agent and ${#fixtures[@]} fixtures running; scraping every 5 s for $minutes min" >&2

end=$(( $(date +%s) + minutes * 60 ))
while [ "$(date +%s)" -lt "$end" ]; do
  if ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "the agent exited; its log:" >&2
    grep -v '^WARNING' "$work/agent.log" | tail -n 20 >&2
    exit 2
  fi
  curl -s -o "$work/scrape.prom" "http://127.0.0.1:$agent_port/metrics" || true
  now="$(now_ms)"
  for i in "${!fixtures[@]}"; do
    p="${fpid[$i]}"
    [ -n "$p" ] || continue
    if grep -q "^leakwatch_leak_growth_per_minute{pid=\"$p\",[^}]*resource=\"heap\"" "$work/scrape.prom"; then
      fverdict[$i]="yes"
    fi
    if [ -z "${fsuspect[$i]}" ] && grep -q "^leakwatch_leak_suspected{pid=\"$p\",[^}]*resource=\"heap\"} 1" "$work/scrape.prom"; then
      fsuspect[$i]="$(awk -v a="$now" -v b="${fstart[$i]}" 'BEGIN { printf "%.0f", (a - b) / 1000 }')"
      echo "$(date +%T) ${fname[$i]}: heap suspected after ${fsuspect[$i]} s" >&2
    fi
    for r in $(grep "^leakwatch_leak_suspected{pid=\"$p\"," "$work/scrape.prom" | grep ' 1$' \
        | sed 's/.*resource="\([^"]*\)".*/\1/' | grep -v '^heap$' || true); do
      case " ${fother[$i]} " in *" $r "*) ;; *) fother[$i]="${fother[$i]} $r" ;; esac
    done
    age=$(( (now - fstart[$i]) / 1000 ))
    if [ "${fleaks[$i]}" = yes ] && { [ -n "${fsuspect[$i]}" ] || [ "$age" -ge $(( leak_minutes * 60 )) ]; }; then
      kill "$p" 2>/dev/null || true
      fpid[$i]=""
    fi
  done
  sleep 5
done

echo
echo "| fixture | leaks | heap suspected after | heap verdicts | other resources suspected |"
echo "|---|---|---|---|---|"
for i in "${!fixtures[@]}"; do
  s="${fsuspect[$i]:-never}"
  [ "$s" = never ] || s="$s s"
  o="${fother[$i]:- none}"
  echo "| ${fname[$i]} | ${fleaks[$i]} | $s | ${fverdict[$i]} | ${o# } |"
done
echo
echo "$minutes min, $(machine_line)"
grep -E 'leak (suspected|confirmed|cleared)' "$work/agent.log" | sed 's/^/  /' || true
