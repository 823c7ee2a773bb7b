// A WebSocket (RFC 6455) frame parser in JavaScript: one row per frame, as the built-in Java dissector's websocket rows
// (a test compares fin, opcode, mask, rsv, payload length and single-frame text on every shared capture). It takes the
// connection after HTTP's 101 Switching Protocols (upgrade token "websocket"), so run it with the Java one off:
//   jdissect query CAPTURE --plugins scripts/examples/websocket --disable-protocol websocket -e wsframes
const MAX_TEXT = 65536;   // bytes of a text frame kept for wsframes.text; longer text is cut

jdissect.dissector({
  id: "wsframes",
  description: "WebSocket frames, in JavaScript (example)",
  fields: [
    {id: "wsframes.fin", type: "boolean", description: "Last frame of a message"},
    {id: "wsframes.rsv", type: "integer", description: "The three RSV bits as a number (RSV1 = 4)"},
    {id: "wsframes.opcode", type: "integer", description: "0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong"},
    {id: "wsframes.mask", type: "boolean", description: "Payload is masked (client to server)"},
    {id: "wsframes.payload_length", type: "integer", description: "Payload length in bytes"},
    {id: "wsframes.text", type: "string", description: "Unmasked payload of a text frame, as UTF-8 (cut at 64 KiB)"},
  ],
  anomalies: [{id: "wsframes.gap", severity: "warn", description: "Bytes missing from the capture; this direction is no longer parsed"}],
  sources: [{name: "wsframes", description: "One row per WebSocket frame",
             columns: ["frame.number", "flow.direction", "wsframes.fin", "wsframes.opcode", "wsframes.payload_length", "wsframes.text"]}],
  upgrade: "websocket",
  stream: (ctx) => {
    const state = {c2s: fresh(), s2c: fresh()};
    return {
      onData(dir, bytes) {
        const s = state[dir];
        if (s.lost) return;
        for (let i = 0; i < bytes.length; ) {
          if (s.need > 0) {   // inside a payload: take what this segment holds of it
            const n = Math.min(s.need, bytes.length - i);
            if (s.opcode === 1) for (let k = 0; k < n && s.text.length < MAX_TEXT; k++) s.text.push(bytes.u8(i + k) ^ (s.key ? s.key[(s.done + k) & 3] : 0));
            s.done += n; s.need -= n; i += n;
            if (s.need === 0) emit(s);
            continue;
          }
          s.head.push(bytes.u8(i++));
          const len = headerLength(s.head);
          if (len > 0 && s.head.length === len) start(s);
        }
      },
      onGap(dir, length) {
        state[dir].lost = true;
        ctx.anomaly("wsframes.gap", length + " bytes missing in " + dir);
      },
      onEnd() {},
    };

    function start(s) {
      const h = s.head;
      s.fin = (h[0] & 0x80) !== 0; s.rsv = (h[0] >> 4) & 7; s.opcode = h[0] & 0x0f;
      const masked = (h[1] & 0x80) !== 0;
      let len = h[1] & 0x7f, at = 2;
      if (len === 126) { len = h[2] * 256 + h[3]; at = 4; }
      else if (len === 127) { len = 0; for (let k = 2; k < 10; k++) len = len * 256 + h[k]; at = 10; }
      s.key = masked ? h.slice(at, at + 4) : null;
      s.length = len; s.need = len; s.done = 0; s.text = []; s.head = [];
      if (len === 0) emit(s);
    }

    function emit(s) {
      const row = {"wsframes.fin": s.fin, "wsframes.rsv": s.rsv, "wsframes.opcode": s.opcode,
                   "wsframes.mask": s.key !== null, "wsframes.payload_length": s.length};
      if (s.opcode === 1) row["wsframes.text"] = utf8(s.text);
      ctx.emit(row);
      s.need = 0;
    }
  },
});

function fresh() { return {head: [], need: 0, lost: false}; }

/** Bytes of the frame header {@code h} starts, once its first two bytes are in; 0 before. */
function headerLength(h) {
  if (h.length < 2) return 0;
  const len = h[1] & 0x7f;
  return 2 + (len === 126 ? 2 : len === 127 ? 8 : 0) + ((h[1] & 0x80) ? 4 : 0);
}

/** UTF-8 bytes as a string; an invalid sequence becomes U+FFFD, as the Java side decodes it. */
function utf8(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    let cp = n === 1 ? b : n === 2 ? b & 0x1f : n === 3 ? b & 0x0f : b & 0x07;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) ok = false; else cp = cp * 64 + (bytes[i + k] & 0x3f);
    }
    if (!ok) { out += "\ufffd"; i++; continue; }
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}
