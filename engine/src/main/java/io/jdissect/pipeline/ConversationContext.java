package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.flow.Flow;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.RowExtension;
import io.jdissect.spi.StreamContext;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What the dissectors of one conversation see of the engine ({@link StreamContext}). */
final class ConversationContext implements StreamContext {
    private final ConversationEnv env;
    private final Flow flow;
    private final DissectorChain chain;
    private final MessageTables messages;
    private final ConversationAnomalies anomalies;

    ConversationContext(ConversationEnv env, Flow flow, DissectorChain chain, MessageTables messages, ConversationAnomalies anomalies) {
        this.env = env;
        this.flow = flow;
        this.chain = chain;
        this.messages = messages;
        this.anomalies = anomalies;
    }

    @Override public long stream() { return flow.stream; }

    @Override public long frame() { return env.frame; }

    @Override public long timestampNanos() { return env.timestamp; }

    @Override public String client() { return flow.client.toString(); }

    @Override public String server() { return flow.server.toString(); }

    @Override public boolean wants(String source) { return env.sink.wants(source); }

    @Override public boolean wantsField(String fieldId) { return env.sink.wantsField(fieldId); }

    @Override public Set<String> wantedFields() { return env.sink.wantedFields(); }

    @Override
    public <T> T perAnalysis(Class<T> key, Function<StreamContext, T> make) {
        return env.perAnalysis(key, this, make);
    }

    @Override public Row newRow(String source, Direction direction) { return env.newRow(source, flow, direction); }

    @Override
    public void emit(Row row) {
        if (!env.extensions.isEmpty()) extend(row);
        env.rowCheck.check(row, this);   // an undeclared field fails the dissector; a wrong-typed value is dropped, said
        env.sink.accept(row);
    }

    /** Extensions that threw on this conversation: its later rows go without them. */
    private Set<RowExtension> failedExtensions;

    private void extend(Row row) {
        RowExtension[] ext = env.extensions.get(row.source());
        if (ext == null) return;
        for (RowExtension e : ext) {
            if (failedExtensions != null && failedExtensions.contains(e)) continue;
            try {
                e.extend(row, this);
            } catch (RuntimeException ex) {
                if (failedExtensions == null) failedExtensions = new java.util.HashSet<>();
                failedExtensions.add(e);
                Direction d = row.direction() == null ? Direction.C2S : row.direction();
                anomalies.raise(EngineFields.DISSECTOR_FAILED, d, "extension of " + row.source() + " threw " + ex);
            }
        }
    }

    @Override public void anomaly(AnomalyDef kind, Direction direction, String detail) { anomalies.raise(kind, direction, detail); }

    @Override
    public void protocol(String name) {
        if (!(":" + flow.protocols + ":").contains(":" + name + ":")) flow.protocols = flow.protocols + ":" + name;
        // a message dissector (chat inside websocket) adds to the stack; the conversation stays a websocket one
        if (!messages.inMessage) flow.protocol = name;
    }

    @Override
    public boolean upgrade(String protocol, Map<String, String> handshake, ByteView pendingC2s, ByteView pendingS2c) {
        return chain.upgrade(protocol, handshake, pendingC2s, pendingS2c);
    }

    @Override public Map<String, String> handshake() { return chain.handshake(); }

    @Override
    public boolean publish(String table, Direction direction, ByteView message) {
        return messages.publish(this, table, direction, message);
    }

    @Override public long pref(String id, long defaultValue) { return env.config.pref(id, defaultValue); }

    @Override public int workerThreads() { return env.sharedBy; }
}
