// Messages each chat user sent, per minute, over a folder of captures:
//   jdissect batch scripts/examples/batch/messages-per-user-minute.js CAPTURES... --out results
// One CSV row per (minute, user): what the user's own client sent (c2s), not the server's copies to everyone.
const counts = new Map();
capture.each('chat where chat.type == "say" && websocket.direction == "c2s"', m => {
  const minute = m["frame.time"].slice(0, 16) + "Z";          // 2026-11-26T04:58Z
  const key = minute + "\u0000" + m["chat.from"];
  counts.set(key, (counts.get(key) || 0) + 1);
});
for (const key of [...counts.keys()].sort()) {
  const [minute, user] = key.split("\u0000");
  out.csv({capture: capture.path.split("/").pop(), minute: minute, user: user, messages: counts.get(key)});
}
