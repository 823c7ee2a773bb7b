package io.jdissect.spi;

/** The engine's dispatch tables, as a dissector sees them at start-up (Wireshark's proto_reg_handoff). */
public interface Handoff {
    /**
     * Decode TCP conversations on this port (either end) with this dissector. Two dissectors claiming one port is
     * an error at load naming both, unless one declares a higher priority ({@link #tcpPort(int, int, StreamDecoder.Factory)}).
     */
    void tcpPort(int port, StreamDecoder.Factory factory);

    /** {@link #tcpPort(int, StreamDecoder.Factory)} with a priority (default 0): the highest claimant of a port has it. */
    default void tcpPort(int port, int priority, StreamDecoder.Factory factory) {
        tcpPort(port, factory);
    }

    /**
     * Try this dissector on TCP conversations no port claims, by looking at the first bytes the client sent.
     * Heuristics run in registration order; the first that accepts wins.
     */
    void tcpHeuristic(StreamHeuristic heuristic, StreamDecoder.Factory factory);

    /**
     * Try this dissector on conversations nothing else claimed, judging both directions over several segments
     * (see {@link FlowHeuristic}). Off unless {@code enabledByDefault} or the preference
     * {@code <dissector id>.heuristic} is 1. When a user forces this dissector with "decode as", the engine
     * also asks this heuristic, to learn which side is really the client and where the data starts.
     */
    void tcpFlowHeuristic(FlowHeuristic heuristic, boolean enabledByDefault);

    /** Take over a conversation after an HTTP Upgrade to this protocol token (e.g. "websocket"). */
    void upgrade(String protocol, StreamDecoder.Factory factory);

    /** Allow "decode as" (a user forcing this dissector onto a port or flow). */
    void decodeAs(StreamDecoder.Factory factory);

    /**
     * Receive messages another dissector publishes under the table named {@code table} (e.g. "websocket.text", as
     * a script names it) when {@code heuristic} accepts them. Subscribers are taps (Wireshark's register_tap,
     * Zeek's events): on a conversation, every subscriber whose heuristic accepted gets every later message of the
     * table, each with its own decoder; none takes a message from another.
     */
    void messages(String table, MessageDecoder.Heuristic heuristic, MessageDecoder.Factory factory);

    /**
     * A subscriber that replaces another: on a conversation where this one's heuristic accepts, the subscriber of
     * dissector {@code replaced} is not given the table's messages (nor asked). An explicit choice, named at load.
     */
    default void messagesReplacing(String replaced, String table, MessageDecoder.Heuristic heuristic, MessageDecoder.Factory factory) {
        throw new UnsupportedOperationException("replacing a subscriber needs the engine's dispatch tables");
    }

    /** The same, for a table the publishing dissector declares as a constant. */
    default void messages(MessageTable table, MessageDecoder.Heuristic heuristic, MessageDecoder.Factory factory) {
        messages(table.name(), heuristic, factory);
    }

    /**
     * Add {@code fields} (this dissector's own) to every row of {@code source}, another dissector's table, computed by
     * {@code extension} from the row: queries of the source can filter on them, its table shows them and JSON carries
     * them. Naming a source no loaded dissector declares is an error at load.
     */
    default void extend(String source, java.util.List<io.jdissect.field.FieldDef<?>> fields, RowExtension extension) {
        throw new UnsupportedOperationException("extending a source needs the engine's dispatch tables");
    }
}
