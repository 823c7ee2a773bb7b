// SMTP command and reply lines (RFC 5321) on TCP port 25: one row per line.
jdissect.dissector({
  id: "smtpline",
  description: "SMTP command and reply lines",
  fields: [
    {id: "smtpline.verb", type: "string", description: "Command verb or reply code"},
    {id: "smtpline.text", type: "string", description: "Rest of the line"},
  ],
  sources: [{name: "smtpline", description: "One row per line", columns: ["frame.number", "flow.direction", "smtpline.verb", "smtpline.text"]}],
  tcpPorts: [25],
  stream: (ctx) => {
    const pending = {c2s: "", s2c: ""};
    return {
      onData(dir, bytes) {
        let buf = pending[dir] + bytes.latin1();
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.substring(0, nl).replace(/\r$/, "");
          // a reply is a code and a space or (not the last line) a hyphen; a command is a verb and its argument
          const m = /^(\d{3})[ -](.*)$/.exec(line) || /^(\S+) ?(.*)$/.exec(line);
          if (m) ctx.emit({"smtpline.verb": m[1], "smtpline.text": m[2]});
          buf = buf.substring(nl + 1);
        }
        pending[dir] = buf.length > 4096 ? "" : buf;
      },
      onGap(dir, length) { pending[dir] = ""; },
    };
  },
});
