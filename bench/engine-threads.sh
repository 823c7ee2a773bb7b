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
snap() { for t in /proc/"$PID"/task/*; do echo "$(basename "$t") $(cat "$t/comm" | tr ' ' '_') $(awk '{print $14 + $15}' "$t/stat")"; done; }
snap > "$WORK/before"
# the query's own threads end with it: sample every 50 ms while it runs, the last figure of each thread wins
( while :; do snap >> "$WORK/during" 2>/dev/null; sleep 0.05; done ) & SAMPLER=$!
s=$(date +%s%N); run "$@"; e=$(date +%s%N); kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true
awk '{ last[$1] = $0 } END { for (t in last) print last[t] }' "$WORK/during" > "$WORK/after"
echo "wall $(( (e - s) / 1000000 )) ms, load $(cut -d' ' -f1-3 /proc/loadavg); CPU per engine thread over the run (ms):"
awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $3; next } { d = ($3 - before[$1]) * 1000 / hz; if (d > 0) printf "  %-28s %6d\n", $2, d }' \
  "$WORK/before" "$WORK/after" | sort -k2 -rn
