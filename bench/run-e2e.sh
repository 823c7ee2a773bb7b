#!/usr/bin/env bash
# End-to-end benchmark: in one run, times `jdissect query F -e 'chat | count by chat.type'` against cat,
# the C record walker, the C flow-table walker and tshark on the generator's captures, prints wall time,
# throughput, ratios and max RSS, and checks jdissect's counts against the generator's manifest.
#   bench/run-e2e.sh [--sizes "200 1000"] [--runs 3] [--tshark-runs 1] [--data DIR] [--no-tshark] [--ooo]
# Also: read + TCP reassembly only (jdissect-flows, against tshark's conversation table, tshark-conv), and
# repeat queries answered through the capture index (jdissect-repeat-*, after jdissect-index-build wrote it).
# jdissect runs with a 512 MiB heap (-Xmx512m), on every core and on one thread (jdissect-1t), each in a JVM of its
# own; jdissect-warm is the same query served by a warm engine of the run's own (three runs first warm it up).
# The machine is shared: compare ratios from one run, and read the load printed with each file.
# Captures are generated once into DIR (default bench/data, git-ignored) by ../shared/bench/gen_ws_pcap.py.
set -euo pipefail
# every command in a JVM of its own, as these figures always were, but jdissect-warm (more of the engine: bench/engine-bench.sh)
export JDISSECT_ENGINE="${JDISSECT_ENGINE:-0}"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
SIZES="200 1000"; RUNS=3; TRUNS=1; DATA="$ROOT/bench/data"; TSHARK=1; OOO=""
while [ $# -gt 0 ]; do case "$1" in
  --sizes) SIZES="$2"; shift 2;; --runs) RUNS="$2"; shift 2;; --tshark-runs) TRUNS="$2"; shift 2;; --data) DATA="$2"; shift 2;;
  --no-tshark) TSHARK=0; shift;; --ooo) OOO="--ooo-rate 0.01 --retx-rate 0.01"; shift;;
  *) echo "unknown option $1" >&2; exit 2;; esac; done
mkdir -p "$DATA"
ENGINES=$(mktemp -d); chmod 700 "$ENGINES"
trap 'JDISSECT_ENGINE_DIR="$ENGINES" "$ROOT/bin/jdissect" engine stop >/dev/null 2>&1 || true; rm -rf "$ENGINES"' EXIT
gcc -O2 -o "$DATA/pcap_walk" "$SHARED/pcap_walk.c"
gcc -O2 -o "$DATA/pcap_flows" "$SHARED/pcap_flows.c"
[ -n "$(ls "$ROOT"/repl/target/jdissect-repl-*.jar 2>/dev/null)" ] || "$ROOT/bin/jdissect" --version >/dev/null
QUERY='chat | count by chat.type'
RESULTS="$DATA/results-$(date +%Y%m%d-%H%M%S).jsonl"
for mb in $SIZES; do
  suffix=""; [ -n "$OOO" ] && suffix="-ooo"
  f="$DATA/bench-${mb}m$suffix.pcap"
  [ -f "$f" ] || python3 "$SHARED/gen_ws_pcap.py" --out "$f" --size-mb "$mb" --seed 1 $OOO
  pk=$(python3 -c "import json;print(json.load(open('$f.manifest.json'))['packets'])")
  anchor() { python3 "$SHARED/run_anchor.py" --name "$1" --file "$f" --packets "$pk" --runs "${3:-$RUNS}" -- "$2" | tee -a "$RESULTS"; }
  echo "{\"file\": \"$f\", \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee -a "$RESULTS.load"
  anchor cat "cat '$f' > /dev/null"
  anchor pcap_walk "'$DATA/pcap_walk' '$f'"
  anchor pcap_flows "'$DATA/pcap_flows' '$f'"
  # the throughput runs neither write nor use a capture index (issue 7 measures the first read of a capture)
  J="JDISSECT_JAVA_OPTS=-Xmx512m '$ROOT/bin/jdissect'"
  anchor jdissect "$J query '$f' -e '$QUERY' --format jsonl --pref capture.index=0"
  anchor jdissect-1t "$J query '$f' -e '$QUERY' --format jsonl --threads 1 --pref capture.index=0"
  JW="JDISSECT_ENGINE=1 JDISSECT_ENGINE_DIR='$ENGINES' $J"
  for i in 1 2 3; do eval "$JW query '$f' -e '$QUERY' --format jsonl --pref capture.index=0" > /dev/null; done
  anchor jdissect-warm "$JW query '$f' -e '$QUERY' --format jsonl --pref capture.index=0"
  # issue 4: read and TCP reassembly only, no dissector
  anchor jdissect-flows "$J query '$f' -e 'flows | count' --format jsonl --disable-protocol all --pref capture.index=0"
  # repeat queries: the first run writes the index to a scratch cache folder, the timed ones use it
  CACHE="$DATA/jdx-cache"; rm -rf "$CACHE"
  JR="JDISSECT_JAVA_OPTS='-Xmx512m -Djdissect.cache=$CACHE' '$ROOT/bin/jdissect'"
  anchor jdissect-index-build "$JR query '$f' -e 'flows | count' --format jsonl" 1
  anchor jdissect-repeat-flows "$JR query '$f' -e 'flows where port == 7272 | count by flow.protocols' --format jsonl"
  anchor jdissect-repeat-stream "$JR query '$f' -e 'chat where tcp.stream == 1234 | count by chat.type' --format jsonl"
  if [ "$TSHARK" = 1 ]; then
    anchor tshark "tshark -r '$f' -d tcp.port==7272,http -o tcp.reassemble_out_of_order:TRUE -Y websocket -T fields -e websocket.opcode > /dev/null" "$TRUNS"
    anchor tshark-conv "tshark -r '$f' -q -z conv,tcp > /dev/null" "$TRUNS"
  fi
  # counts must equal the manifest's
  JDISSECT_JAVA_OPTS=-Xmx512m "$ROOT/bin/jdissect" query "$f" -e "$QUERY" --format jsonl > "$DATA/counts.jsonl"
  python3 - "$f.manifest.json" "$DATA/counts.jsonl" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["counts"]
got = {}
for line in open(sys.argv[2]):
    r = json.loads(line); got[r["chat.type"]] = r["count"]
want = {k.split(".", 1)[1]: v for k, v in m.items() if k.startswith("chat.") and k.count(".") == 1 and k != "chat.say_private" and k != "chat.login_with_client_list"}
ok = all(got.get(k) == v for k, v in want.items()) and sum(got.values()) == m["chat"]
print(json.dumps({"check": "chat counts vs manifest", "ok": ok, "want": want, "got": got}))
sys.exit(0 if ok else 1)
PY
done
python3 - "$RESULTS" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
by = collections.defaultdict(dict)
for r in rows: by[r["file"]][r["name"]] = r
for f, d in by.items():
    j = d.get("jdissect")
    print(f"\n{f}")
    print(f"{'tool':24} {'wall s':>8} {'MB/s':>8} {'max RSS MB':>11} {'wall / jdissect':>16}")
    for n, r in d.items():
        ratio = r["median_wall_s"] / j["median_wall_s"] if j else float("nan")
        print(f"{n:24} {r['median_wall_s']:8.2f} {r['MB_per_s']:8.1f} {r['max_rss_mb']:11.1f} {ratio:16.2f}")
    w = lambda n: d[n]["median_wall_s"] if n in d else float("nan")
    print(f"issue 17: the warm engine takes {w('jdissect-warm') / w('pcap_flows'):.1f}x pcap_flows' time (target <= 2.5)")
    print(f"issue 7: jdissect takes {w('jdissect') / w('pcap_flows'):.1f}x pcap_flows' time (target <= 2); "
          f"tshark takes {w('tshark') / w('jdissect'):.1f}x jdissect's (target >= 50)")
    print(f"issue 4: read + reassembly at {w('cat') / w('jdissect-flows'):.3f}x cat's speed (target >= 0.5); "
          f"tshark -z conv,tcp takes {w('tshark-conv') / w('jdissect-flows'):.1f}x its time")
PY
echo "raw results: $RESULTS"
