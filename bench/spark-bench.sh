#!/usr/bin/env bash
# The Spark benchmark of docs/spark.md: one query over a folder of captures, in one sitting,
#   1. jdissect spark --master local[2] (one task per file),
#   2. a shell loop of jdissect query (one JVM per file),
#   3. a shell loop of jdissect batch with the same count in JavaScript,
# each timed by /usr/bin/time -v (wall time, peak RSS), plus Spark's per-task times from its event log.
# Usage: bench/spark-bench.sh [DIR]   (DIR: captures made with ../shared/bench/gen_ws_pcap.py; default /tmp/jd-bench8)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR=${1:-/tmp/jd-bench8}
Q='chat | count by chat.type'
WORK=$(mktemp -d /tmp/jd-spark-bench.XXXXXX)
files=("$DIR"/*.pcap)
echo "bench: ${#files[@]} files, $(du -shc "${files[@]}" | tail -1 | cut -f1), query: $Q, work: $WORK" >&2

measure() {   # name, command...: prints "name wall_s peak_rss_mb"
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/$name.time")
  echo "$name wall_s=$wall peak_rss_mb=$rss"
}

# warm the page cache and the builds, so that no run pays for a first read or a build
cat "${files[@]}" > /dev/null
"$ROOT/bin/jdissect" query "${files[0]}" -e "$Q" > /dev/null
"$ROOT/bin/jdissect" spark --help > /dev/null

mkdir -p "$WORK/events"
JDISSECT_JAVA_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=file://$WORK/events" \
  measure spark "$ROOT/bin/jdissect" spark "$Q" "$DIR/*.pcap" --master 'local[2]' --output "$WORK/spark-out" --format jsonl
measure query-loop bash -c 'for f in "$@"; do "'"$ROOT"'/bin/jdissect" query "$f" -e "'"$Q"'" --format jsonl; done' _ "${files[@]}"
measure batch-loop bash -c 'for f in "$@"; do "'"$ROOT"'/bin/jdissect" batch "$f" "'"$ROOT"'/bench/chat-types.js"; done' _ "${files[@]}"

# Spark's tasks of the scan stage (the first stage): how long each took, from launch to finish
python3 - "$WORK/events" <<'PY'
import json, os, sys
d = sys.argv[1]
for root, _, names in os.walk(d):
  for name in names:
    if not name.startswith("events_"): continue
    tasks = {}
    for line in open(os.path.join(root, name)):
        e = json.loads(line)
        if e.get("Event") == "SparkListenerTaskEnd":
            i = e["Task Info"]
            tasks.setdefault(e["Stage ID"], []).append((i["Finish Time"] - i["Launch Time"]) / 1000)
    for stage, t in sorted(tasks.items()):
        print("stage %d: %d tasks, %.1f s in all, longest %.1f s, each: %s" % (stage, len(t), sum(t), max(t), " ".join("%.1f" % x for x in sorted(t))))
PY
echo "outputs and timings in $WORK" >&2
