#!/usr/bin/env bash
# The warm engine (issue 17), in alternating rounds (bench/compare.py) so the machine's slow and fast spells hit
# every variant alike:
#   1. one-shot `flows | count` on the bundled sample: warm engine, in-process (--no-engine), tshark -r SAMPLE -q
#   2. `chat | count by chat.type` on a large capture (default /work/bench-data/bench-1000.pcap): warm engine
#      (-Xmx512m), in-process, pcap_flows; then the counts against the generator's manifest
#   3. the first (cold) run: no engine running (a new engine folder each round), against in-process
#   bench/engine-bench.sh [--rounds N] [--big FILE] [--skip-cold]
# Prints the load average with every table. The engine gets a folder of its own, stopped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS=10; BIG=/work/bench-data/bench-1000.pcap; COLD=1
while [ $# -gt 0 ]; do case "$1" in
  --rounds) ROUNDS="$2"; shift 2;; --big) BIG="$2"; shift 2;; --skip-cold) COLD=0; shift;;
  *) echo "unknown option $1" >&2; exit 2;; esac; done
S="$ROOT/repl/src/main/resources/samples/chat-lo.pcap"
J="$ROOT/bin/jdissect"
WORK=$(mktemp -d); trap 'JDISSECT_ENGINE_DIR=$WORK/engines "$J" engine stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
export JDISSECT_ENGINE_DIR="$WORK/engines" JDISSECT_ENGINE=1
gcc -O2 -o "$WORK/pcap_flows" "$ROOT/../shared/bench/pcap_flows.c"
CMP="python3 $ROOT/bench/compare.py"
Q='chat | count by chat.type'
BIGQ="query '$BIG' -e '$Q' --format jsonl --pref capture.index=0"
"$J" --version >/dev/null   # builds and prepares the start-up caches if needed
echo "== warm-up (engine start, JIT): 20 sample runs, 3 large runs; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 20); do "$J" query "$S" -e 'flows | count' >/dev/null; done
for i in 1 2 3; do eval "JDISSECT_JAVA_OPTS=-Xmx512m '$J' $BIGQ" >/dev/null; done
echo "== 1. one-shot flows | count on the sample"
$CMP "$ROUNDS" "engine=$J query '$S' -e 'flows | count'" "in-process=$J --no-engine query '$S' -e 'flows | count'" \
  "tshark=tshark -r '$S' -q"
echo "== 2. $Q on $BIG"
$CMP "$ROUNDS" "engine=JDISSECT_JAVA_OPTS=-Xmx512m $J $BIGQ" "engine-1t=JDISSECT_JAVA_OPTS=-Xmx512m $J $BIGQ --threads 1" \
  "in-process=JDISSECT_JAVA_OPTS=-Xmx512m $J --no-engine $BIGQ" "pcap_flows=$WORK/pcap_flows '$BIG'"
echo "-- counts (engine) against $BIG.manifest.json"
eval "JDISSECT_JAVA_OPTS=-Xmx512m '$J' $BIGQ" | python3 -c "
import json, sys
m = json.load(open(sys.argv[1]))['counts']
bad = 0
for line in sys.stdin:
    r = json.loads(line); want = m.get('chat.' + r['chat.type'])
    print(f\"  {r['chat.type']:8} {r['count']:>8}  manifest {want}\"); bad += r['count'] != want
sys.exit(bad)" "$BIG.manifest.json" && echo "  all equal"
echo "-- engine status (heap):"; JDISSECT_JAVA_OPTS=-Xmx512m "$J" engine status | sed 's/^/  /'
if [ "$COLD" = 1 ]; then
  echo "== 3. first (cold) run: no engine in a folder new each time (the stop of the last one is not timed), against in-process"
  mkdir -m 700 "$WORK/cold"
  FRESH='JDISSECT_ENGINE_DIR=$(mktemp -d -p '"'$WORK/cold'"')'
  $CMP "$((ROUNDS / 2 > 3 ? ROUNDS / 2 : 3))" "engine-cold-sample=$FRESH $J query '$S' -e 'flows | count'" \
    "in-process-sample=$J --no-engine query '$S' -e 'flows | count'" \
    "engine-cold-1g=$FRESH JDISSECT_JAVA_OPTS=-Xmx512m $J $BIGQ" "in-process-1g=JDISSECT_JAVA_OPTS=-Xmx512m $J --no-engine $BIGQ"
  for d in "$WORK"/cold/*; do JDISSECT_ENGINE_DIR="$d" "$J" engine stop >/dev/null 2>&1 || true; done
fi
