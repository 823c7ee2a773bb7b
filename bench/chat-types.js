// bench/spark-bench.sh's batch baseline: chat rows by type, as `chat | count by chat.type`
const counts = {};
capture.each("chat", r => { counts[r["chat.type"]] = (counts[r["chat.type"]] || 0) + 1; });
for (const k in counts) out.println(k, counts[k]);
