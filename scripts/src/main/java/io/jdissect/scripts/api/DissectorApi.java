package io.jdissect.scripts.api;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The global {@code jdissect} of a dissector file. The file calls {@code jdissect.dissector({...})} once:
 * <pre>{@code
 * jdissect.dissector({
 *   id: "myproto", description: "...",
 *   fields: [{id: "myproto.cmd", type: "string", description: "..."}],      // integer, double, string, boolean, bytes, address, time
 *   anomalies: [{id: "myproto.too_long", severity: "warn", description: "..."}],
 *   sources: [{name: "myproto", columns: ["frame.number", "myproto.cmd"]}],
 *   tcpPorts: [9000],                                   // and/or
 *   heuristic: (dir, bytes) => bytes.latin1().startsWith("HELLO"),
 *   stream: (ctx) => ({ onData(dir, bytes) {...}, onGap(dir, length) {...}, onEnd() {...} }),
 *   messages: {table: "websocket.text", heuristic: (text) => true, onMessage(ctx, dir, text) {...}},
 *   extends: "chat", onRow: (row) => ({"myproto.len": row["chat.content"].length}),   // fields added to chat's rows
 * });
 * }</pre>
 */
public final class DissectorApi {
    private Value spec;

    @HostAccess.Export
    public void dissector(Value spec) {
        if (this.spec != null) throw new IllegalStateException("jdissect.dissector() may be called once per file");
        this.spec = spec;
    }

    /** What the file declared, or null when it never called {@link #dissector}. */
    public Value spec() { return spec; }
}
