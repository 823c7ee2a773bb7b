package io.jdissect.pipeline;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.StreamContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The message subdissectors of one conversation (chat inside WebSocket text messages): per table, the first
 * registered one whose heuristic accepts a message takes every later message of that table on this conversation.
 */
final class MessageTables {
    private final Registry registry;
    private final ConversationAnomalies anomalies;
    private Map<String, MessageDecoder> decoders;
    private String lastTable;
    private MessageDecoder lastDecoder;
    /** A message is being decoded: protocols it names join the stack without replacing the conversation's. */
    boolean inMessage;

    MessageTables(Registry registry, ConversationAnomalies anomalies) {
        this.registry = registry;
        this.anomalies = anomalies;
    }

    /** See {@link StreamContext#publish}. */
    boolean publish(StreamContext ctx, String table, Direction direction, ByteView message) {
        // a conversation publishes to one table nearly always: the last one is asked first, without hashing
        MessageDecoder md = table == lastTable ? lastDecoder : null;
        if (md == null) {
            if (decoders == null) decoders = new HashMap<>();
            md = decoders.get(table);
        }
        if (md == null) {
            for (Registry.MessageEntry e : registry.messageTable(table)) {
                boolean ok;
                try {
                    ok = e.test().accepts(message);
                } catch (RuntimeException ex) {
                    ok = false;
                }
                if (ok) {
                    try {
                        md = e.factory().create(ctx);
                    } catch (RuntimeException ex) {
                        anomalies.raise(EngineFields.DISSECTOR_FAILED, direction, table + " subdissector threw " + ex);
                        return false;
                    }
                    decoders.put(table, md);
                    break;
                }
            }
            if (md == null) return false;
        }
        lastTable = table;
        lastDecoder = md;
        inMessage = true;
        try {
            md.onMessage(direction, message);
        } catch (RuntimeException e) {
            anomalies.raise(EngineFields.DISSECTOR_FAILED, direction, table + " subdissector threw " + e);
        } finally {
            inMessage = false;
        }
        return true;
    }

    /** The conversation ended: its subdissectors' state is let go. */
    void release() {
        decoders = null;
        lastTable = null;
        lastDecoder = null;
    }
}
