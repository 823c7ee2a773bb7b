#!/usr/bin/python3
"""Throughput against capture size, from bench/run-e2e.sh results (JSON lines).
    /usr/bin/python3 bench/plot.py OUT.png RESULTS.jsonl [RESULTS.jsonl ...]
Needs matplotlib (apt: python3-matplotlib). Sizes come from the file names (bench-200m.pcap -> 200 MB)."""
import collections, json, re, sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out, files = sys.argv[1], sys.argv[2:]
series = collections.defaultdict(dict)
for path in files:
    for line in open(path):
        r = json.loads(line)
        m = re.match(r"bench-(\d+)m\.pcap$", r.get("file", ""))
        if not m or "MB_per_s" not in r:
            continue
        series[r["name"]][int(m.group(1))] = r["MB_per_s"]
fig, ax = plt.subplots(figsize=(7, 4.5))
for name in ["pcap_flows", "jdissect-warm", "jdissect-flows", "jdissect", "jdissect-1t", "tshark-conv", "tshark"]:
    if name in series:
        xs = sorted(series[name])
        ax.plot(xs, [series[name][x] for x in xs], marker="o", label=name)
ax.set_xlabel("capture size (MB)")
ax.set_ylabel("throughput (MB/s, log scale)")
ax.set_yscale("log")
ax.set_title("chat | count by chat.type (jdissect; -warm: served by a warm engine) vs -Y websocket (tshark);\n"
             "read + reassembly: flows | count (jdissect-flows) vs -z conv,tcp (tshark-conv)", fontsize=9)
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(out, dpi=100)
print("wrote", out)
