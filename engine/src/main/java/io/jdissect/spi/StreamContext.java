package io.jdissect.spi;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;

import java.util.Map;

/** What the engine offers a decoder for one conversation. */
public interface StreamContext {
    /** tcp.stream of this conversation. */
    long stream();

    /** Frame number of the packet whose bytes are being delivered (where a PDU "completes"). */
    long frame();

    long timestampNanos();

    /** {@code addr:port} of the side that opened the conversation, and of the other side. */
    String client();

    String server();

    /** Whether anyone will read rows of this source; lets decoders skip building them. */
    boolean wants(String source);

    /**
     * Whether rows need this field (a query that counts by one field needs only that one): decoders may
     * skip computing fields nobody reads. Rows may carry them anyway.
     */
    default boolean wantsField(String fieldId) { return true; }

    /**
     * Every field rows need, when the query names them all (a decoder may then stop reading a message once it has
     * them); null when any field may be needed.
     */
    default java.util.Set<String> wantedFields() { return null; }

    /**
     * A value worked out once per analysis (a dissector's limits from the preferences, say) rather than once per
     * flow: {@code make} runs the first time {@code key} is asked for, and later flows get the same value. Values
     * must depend only on the analysis's settings, never on the flow.
     */
    default <T> T perAnalysis(Class<T> key, java.util.function.Function<StreamContext, T> make) { return make.apply(this); }

    /**
     * The worker threads this analysis's conversations are spread over, each with values of its own from
     * {@link #perAnalysis}: a limit on what all conversations hold together is split evenly among them, so the
     * whole stays within the limit however many threads there are.
     */
    default int workerThreads() { return 1; }

    /** A new row of {@code source} already carrying frame.number, frame.time, tcp.stream, endpoints and direction. */
    Row newRow(String source, Direction direction);

    void emit(Row row);

    void anomaly(AnomalyDef kind, Direction direction, String detail);

    /** Names this conversation's protocol (flow.protocol), the most specific one wins. */
    void protocol(String name);

    /**
     * Hands the rest of the conversation to the dissector registered for an HTTP Upgrade to {@code protocol}.
     * {@code pending} holds bytes already received per direction that belong to the new protocol.
     *
     * @return false when no dissector takes this protocol
     */
    boolean upgrade(String protocol, Map<String, String> handshake, ByteView pendingC2s, ByteView pendingS2c);

    /**
     * The handshake passed to {@link #upgrade} when this conversation was handed over by an HTTP Upgrade
     * (so that e.g. WebSocket sees the negotiated extensions); empty otherwise.
     */
    default Map<String, String> handshake() { return Map.of(); }

    /** Publishes a message to the subdissectors of {@code table} (by name); returns whether one took it. */
    boolean publish(String table, Direction direction, ByteView message);

    /** Publishes a message to the subdissectors of {@code table}; returns whether one took it. */
    default boolean publish(MessageTable table, Direction direction, ByteView message) {
        return publish(table.name(), direction, message);
    }

    /** The value of one handshake header (see {@link #handshake()}), or null. */
    default String handshake(HandshakeHeader header) { return header.in(handshake()); }

    /** Limits and preferences, by id ("websocket.max_message"), with the given default. */
    long pref(String id, long defaultValue);

    /** A declared limit or preference as its type, its default when unset, clamped into its range. */
    default <T> T pref(PrefDef<T> def) { return def.value(pref(def.id(), def.defaultValue())); }
}
