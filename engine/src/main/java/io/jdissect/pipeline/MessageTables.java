package io.jdissect.pipeline;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.StreamContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message subdissectors of one conversation (chat inside WebSocket text messages). Subscribers are taps: per
 * table, each registered one is asked with its heuristic until it accepts, then gets every later message of that
 * table on this conversation with a decoder of its own. A subscriber declared as replacing another
 * ({@code Handoff.messagesReplacing}) keeps the replaced one out once it accepts. One that throws is switched off
 * for this conversation, with one anomaly; the others go on.
 */
final class MessageTables {
    private final Registry registry;
    private final ConversationAnomalies anomalies;
    private Map<String, Subscribers> tables;
    private String lastTable;
    private Subscribers last;
    /** A message is being decoded: protocols it names join the stack without replacing the conversation's. */
    boolean inMessage;

    /** The state of each subscriber of one table on this conversation, in registration order. */
    private static final class Subscribers {
        final List<Registry.MessageEntry> entries;
        /** The subscriber's decoder once it accepted; null while it has not. */
        final MessageDecoder[] decoders;
        /** Switched off: it threw, or a replacing subscriber accepted. */
        final boolean[] off;

        Subscribers(List<Registry.MessageEntry> entries) {
            this.entries = entries;
            this.decoders = new MessageDecoder[entries.size()];
            this.off = new boolean[entries.size()];
        }
    }

    MessageTables(Registry registry, ConversationAnomalies anomalies) {
        this.registry = registry;
        this.anomalies = anomalies;
    }

    /** See {@link StreamContext#publish}: true when some subscriber decoded the message. */
    boolean publish(StreamContext ctx, String table, Direction direction, ByteView message) {
        // a conversation publishes to one table nearly always: the last one is asked first, without hashing
        Subscribers subs = table == lastTable ? last : null;
        if (subs == null) {
            if (tables == null) tables = new HashMap<>();
            subs = tables.get(table);
            if (subs == null) {
                List<Registry.MessageEntry> entries = registry.messageTable(table);
                if (entries.isEmpty()) return false;
                subs = new Subscribers(entries);
                tables.put(table, subs);
            }
            lastTable = table;
            last = subs;
        }
        boolean taken = false;
        inMessage = true;
        try {
            for (int i = 0; i < subs.decoders.length; i++) {
                if (subs.off[i]) continue;
                if (subs.decoders[i] == null && !start(ctx, subs, i, table, direction, message)) continue;
                try {
                    subs.decoders[i].onMessage(direction, message);
                    taken = true;
                } catch (RuntimeException e) {
                    subs.off[i] = true;
                    anomalies.raise(EngineFields.DISSECTOR_FAILED, direction, table + " subdissector " + subs.entries.get(i).dissector() + " threw " + e);
                }
            }
        } finally {
            inMessage = false;
        }
        return taken;
    }

    /** Asks subscriber {@code i}'s heuristic about {@code message}; on yes, makes its decoder (and switches off whom it replaces). */
    private boolean start(StreamContext ctx, Subscribers subs, int i, String table, Direction direction, ByteView message) {
        Registry.MessageEntry e = subs.entries.get(i);
        boolean ok;
        try {
            ok = e.test().accepts(message);
        } catch (RuntimeException ex) {
            ok = false;
        }
        if (!ok) return false;
        try {
            subs.decoders[i] = e.factory().create(ctx);
        } catch (RuntimeException ex) {
            subs.off[i] = true;
            anomalies.raise(EngineFields.DISSECTOR_FAILED, direction, table + " subdissector " + e.dissector() + " threw " + ex);
            return false;
        }
        if (e.replaces() != null) {
            for (int j = 0; j < subs.entries.size(); j++) {
                if (subs.entries.get(j).dissector().equals(e.replaces())) {
                    subs.off[j] = true;
                    subs.decoders[j] = null;   // its rows so far stay; it gets nothing more
                }
            }
        }
        return true;
    }

    /** The conversation ended: its subdissectors' state is let go. */
    void release() {
        tables = null;
        lastTable = null;
        last = null;
    }
}
