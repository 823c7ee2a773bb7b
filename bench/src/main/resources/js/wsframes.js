// A WebSocket frame parser in JavaScript, for the JS-speed benchmark (not the shipped example): RFC 6455 frame
// headers, payloads unmasked into a reusable buffer, one row per frame when the query reads them. It reads the
// engine's bytes through a typed array over them (bytes.buffer()), not a call per byte.
const MAX_PAYLOAD = 1 << 24;
const EMPTY = new Uint8Array(0);

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
    // per direction: bytes of an incomplete frame held over from the last call
    const held = {c2s: EMPTY, s2c: EMPTY};
    let scratch = new Uint8Array(65536);
    let frames = 0, stopped = false;

    /** Bytes of the whole frame starting at a[0], or -1 while its header is incomplete. */
    function frameSize(a) {
      if (a.length < 2) return -1;
      let len = a[1] & 0x7f, h = 2;
      if (len === 126) {
        if (a.length < 4) return -1;
        len = (a[2] << 8) | a[3];
        h = 4;
      } else if (len === 127) {
        if (a.length < 10) return -1;
        len = (a[6] * 16777216) + ((a[7] << 16) | (a[8] << 8) | a[9]);
        h = 10;
      }
      return h + ((a[1] & 0x80) !== 0 ? 4 : 0) + Math.min(len, MAX_PAYLOAD + 1);
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
        let acc = held[dir];
        // an incomplete frame from the last call: complete it from the head of these bytes (a small copy)
        while (acc.length > 0 && u.length > 0) {
          const size = frameSize(acc);
          const take = Math.min(u.length, size < 0 ? 14 - acc.length : size - acc.length);
          const joined = new Uint8Array(acc.length + take);
          joined.set(acc, 0);
          joined.set(u.subarray(0, take), acc.length);
          u = u.subarray(take);
          const used = parse(dir, joined);
          acc = used < joined.length ? joined.slice(used) : EMPTY;
        }
        if (u.length > 0) {   // the rest is parsed where the engine has it; only an incomplete tail is copied
          const used = parse(dir, u);
          acc = used < u.length ? u.slice(used) : EMPTY;
        }
        held[dir] = acc;
      },
      onGap(dir, length) { held[dir] = new Uint8Array(0); stopped = true; },
      onEnd() { ctx.protocol("websocket"); },
    };
  },
});
