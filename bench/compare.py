#!/usr/bin/env python3
"""Alternating timings of a few command variants, for before/after comparisons on a noisy machine.
    bench/compare.py N 'label=command' 'label=command' ...
Runs every variant in turn, N rounds (so slow and fast spells of the machine hit all of them alike), and prints
each one's median and minimum wall time, median user and system CPU, and every wall time. Output of the commands
is discarded."""
import os
import statistics
import subprocess
import sys

n = int(sys.argv[1])
variants = [a.split("=", 1) for a in sys.argv[2:]]
results = {label: [] for label, _ in variants}
for _ in range(n):
    for label, cmd in variants:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", "bash", "-c", cmd + " >/dev/null 2>/dev/null"],
                           stderr=subprocess.PIPE, text=True)
        results[label].append(tuple(map(float, p.stderr.strip().split("\n")[-1].split())))
for label, _ in variants:
    r = results[label]
    print(f"{label:30} wall median {statistics.median(x[0] for x in r):6.2f}  min {min(x[0] for x in r):6.2f}"
          f"  user {statistics.median(x[1] for x in r):6.2f}  sys {statistics.median(x[2] for x in r):5.2f}"
          f"   walls {[x[0] for x in r]}")
print("load", os.getloadavg())
