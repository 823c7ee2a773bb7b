// "toy": a line protocol on TCP port 9000, for tests. Each line "CMD [ARG]\r\n" becomes one row.
const MAX_LINE = 64;

jdissect.dissector({
  id: "toy",
  description: "Toy line protocol (tests)",
  fields: [
    {id: "toy.cmd", type: "string", description: "Command word"},
    {id: "toy.arg", type: "string", description: "Rest of the line"},
    {id: "toy.len", type: "integer", description: "Line length in bytes"},
    {id: "toy.num", type: "integer", description: "Argument of NUM as a number"},
  ],
  anomalies: [{id: "toy.line_too_long", severity: "warn", description: "Line longer than 64 bytes; dropped"}],
  sources: [{name: "toy", description: "One row per line", columns: ["frame.number", "flow.direction", "toy.cmd", "toy.arg"]}],
  tcpPorts: [9000],
  stream: (ctx) => {
    const pending = {c2s: "", s2c: ""};
    function line(text) {
      const sp = text.indexOf(" ");
      const cmd = sp < 0 ? text : text.substring(0, sp);
      const arg = sp < 0 ? undefined : text.substring(sp + 1);
      if (cmd === "CRASH") null.boom();
      ctx.emit({"toy.cmd": cmd, "toy.arg": arg, "toy.len": text.length, "toy.num": cmd === "NUM" ? Number(arg) : undefined});
    }
    return {
      onData(dir, bytes) {
        let buf = pending[dir] + bytes.latin1();
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          line(buf.substring(0, nl).replace(/\r$/, ""));
          buf = buf.substring(nl + 1);
        }
        if (buf.length > MAX_LINE) {
          ctx.anomaly("toy.line_too_long", buf.length + " bytes without a newline");
          buf = "";
        }
        pending[dir] = buf;
      },
      onGap(dir, length) { pending[dir] = ""; },
      onEnd() { ctx.protocol("toy"); },
    };
  },
});
