// A WebSocket frame parser in JavaScript, for the JS-speed benchmark (not the shipped example): RFC 6455 frame
// headers, payloads unmasked into a reusable buffer, one row per frame when the query reads them. It reads the
// engine's bytes through a typed array over them (bytes.buffer()), not a call per byte.
const MAX_PAYLOAD = 1 << 24;
const MAX_FRAME = MAX_PAYLOAD + 14;
// unmasked payloads land here; one per context (contexts are per thread), reused by every flow
let scratch = new Uint8Array(65536);

jdissect.dissector({
  id: "wsjs",
  description: "WebSocket frames, parsed in JavaScript (benchmark)",
  fields: [
    {id: "wsjs.opcode", type: "integer", description: "Opcode"},
    {id: "wsjs.fin", type: "boolean", description: "Last frame of a message"},
    {id: "wsjs.masked", type: "boolean", description: "Payload masked (client to server)"},
    {id: "wsjs.length", type: "integer", description: "Payload length"},
  ],
  anomalies: [{id: "wsjs.too_long", severity: "warn", description: "Payload longer than 16 MiB; the flow is no longer parsed"}],
  sources: [{name: "wsjs", description: "One row per frame"}],
  upgrade: "websocket",
  tcpPorts: [7272],
  stream: (ctx) => {
    const rows = ctx.wants("wsjs");
    // per direction: an incomplete frame held over from earlier calls, {buf, len}, or null
    const pending = {c2s: null, s2c: null};
    let frames = 0, stopped = false;

    /** Bytes of the whole frame whose first n bytes are a[0..n), or -1 while its header is incomplete. */
    function frameSize(a, n) {
      if (n < 2) return -1;
      let len = a[1] & 0x7f, h = 2;
      if (len === 126) {
        if (n < 4) return -1;
        len = (a[2] << 8) | a[3];
        h = 4;
      } else if (len === 127) {
        if (n < 10) return -1;
        len = (a[6] * 16777216) + ((a[7] << 16) | (a[8] << 8) | a[9]);
        h = 10;
      }
      return h + ((a[1] & 0x80) !== 0 ? 4 : 0) + len;
    }

    function parse(dir, u) {
      let p = 0;
      const n = u.length;
      while (n - p >= 2) {
        const b0 = u[p], b1 = u[p + 1];
        let len = b1 & 0x7f, h = 2;
        if (len === 126) {
          if (n - p < 4) break;
          len = (u[p + 2] << 8) | u[p + 3];
          h = 4;
        } else if (len === 127) {
          if (n - p < 10) break;
          len = (u[p + 6] * 16777216) + ((u[p + 7] << 16) | (u[p + 8] << 8) | u[p + 9]);
          h = 10;
        }
        const masked = (b1 & 0x80) !== 0;
        if (masked) h += 4;
        if (len > MAX_PAYLOAD) {
          ctx.anomaly("wsjs.too_long", len + " bytes");
          stopped = true;
          return n;
        }
        if (n - p < h + len) break;
        if (masked) {
          if (scratch.length < len) scratch = new Uint8Array(len * 2);
          const k = p + h - 4, d = p + h;
          const m0 = u[k], m1 = u[k + 1], m2 = u[k + 2], m3 = u[k + 3];
          let i = 0;
          for (; i + 3 < len; i += 4) {
            scratch[i] = u[d + i] ^ m0;
            scratch[i + 1] = u[d + i + 1] ^ m1;
            scratch[i + 2] = u[d + i + 2] ^ m2;
            scratch[i + 3] = u[d + i + 3] ^ m3;
          }
          for (; i < len; i++) scratch[i] = u[d + i] ^ u[k + (i & 3)];
        }
        frames++;
        if (rows) ctx.emit({"wsjs.opcode": b0 & 0x0f, "wsjs.fin": (b0 & 0x80) !== 0, "wsjs.masked": masked, "wsjs.length": len});
        p += h + len;
      }
      return p;
    }

    return {
      onData(dir, bytes) {
        if (stopped) return;
        let u = new Uint8Array(bytes.buffer());
        let p = pending[dir];
        // an incomplete frame from earlier calls: fill its buffer (sized once its header is known) from these bytes
        while (p !== null && u.length > 0) {
          let size = frameSize(p.buf, p.len);
          const want = size < 0 ? 14 : size;
          if (want > MAX_FRAME) {   // its header says too long: parse() reports it
            parse(dir, p.buf.subarray(0, p.len));
            return;
          }
          if (want > p.buf.length) {
            const grown = new Uint8Array(want);
            grown.set(p.buf.subarray(0, p.len), 0);
            p.buf = grown;
          }
          const take = Math.min(u.length, want - p.len);
          p.buf.set(u.subarray(0, take), p.len);
          p.len += take;
          u = u.subarray(take);
          size = frameSize(p.buf, p.len);
          if (size >= 0 && p.len >= size) {
            parse(dir, p.buf.subarray(0, size));
            p = null;
          }
        }
        if (u.length > 0) {   // the rest is parsed where the engine has it; only an incomplete tail is copied
          const used = parse(dir, u);
          if (stopped) return;
          if (used < u.length) {
            const tail = u.subarray(used);
            p = {buf: new Uint8Array(Math.max(14, Math.min(MAX_FRAME, frameSize(tail, tail.length)))), len: tail.length};
            p.buf.set(tail, 0);
          }
        }
        pending[dir] = p;
      },
      onGap(dir, length) { pending[dir] = null; stopped = true; },
      onEnd() { ctx.protocol("websocket"); },
    };
  },
});
