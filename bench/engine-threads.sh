#!/usr/bin/env bash
# CPU per thread of the warm engine over one query (issue 17: does the second core pay?): warms an engine of its
# own with 3 runs, then reads each engine thread's user+system ticks (/proc/PID/task/*/stat) before and after one run.
#   bench/engine-threads.sh [FILE] [extra query options, e.g. --threads 1]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
F="${1:-/work/bench-data/bench-1000.pcap}"; shift || true
WORK=$(mktemp -d); export JDISSECT_ENGINE_DIR="$WORK/engines" JDISSECT_ENGINE=1 JDISSECT_JAVA_OPTS=-Xmx512m
trap '"$ROOT/bin/jdissect" engine stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
run() { "$ROOT/bin/jdissect" query "$F" -e 'chat | count by chat.type' --format jsonl --pref capture.index=0 "$@" >/dev/null; }
for i in 1 2 3; do run "$@"; done
PID=$("$ROOT/bin/jdissect" engine status | sed -n 's/^engine \([0-9]*\):.*/\1/p' | head -n1)
# one sampler process reads every engine thread's ticks from /proc every 20 ms while the query runs (the query's own
# threads end with it, so the last figure of each thread wins); forking cat and awk per thread instead cost enough CPU
# to stretch the wall time it measured
cat > "$WORK/sample.py" <<'PY'
import os, signal, sys, time
pid, out = sys.argv[1], sys.argv[2]
last = {}
def snap():
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f: stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")].replace(" ", "_")
        fields = stat[stat.rindex(")") + 2:].split()
        last[tid] = (name, int(fields[11]) + int(fields[12]))
def done(*_):
    snap()
    with open(out, "w") as f:
        for tid, (name, ticks) in last.items(): f.write(f"{tid} {name} {ticks}\n")
    sys.exit(0)
signal.signal(signal.SIGTERM, done)
snap()
open(out + ".ready", "w").close()
while True:
    time.sleep(0.02)
    snap()
PY
python3 "$WORK/sample.py" "$PID" "$WORK/before" & BEFORE=$!
while [ ! -e "$WORK/before.ready" ]; do sleep 0.01; done
kill "$BEFORE"; wait "$BEFORE" 2>/dev/null || true
python3 "$WORK/sample.py" "$PID" "$WORK/after" & SAMPLER=$!
while [ ! -e "$WORK/after.ready" ]; do sleep 0.01; done
s=$(date +%s%N); run "$@"; e=$(date +%s%N); kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true
echo "wall $(( (e - s) / 1000000 )) ms, load $(cut -d' ' -f1-3 /proc/loadavg); CPU per engine thread over the run (ms):"
awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $3; next } { d = ($3 - before[$1]) * 1000 / hz; if (d > 0) printf "  %-28s %6d\n", $2, d }' \
  "$WORK/before" "$WORK/after" | sort -k2 -rn
