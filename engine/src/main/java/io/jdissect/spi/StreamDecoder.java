package io.jdissect.spi;

import io.jdissect.bytes.ByteView;

/**
 * Decodes one TCP conversation from its reassembled bytes, both directions, in capture order.
 * Implementations keep per-direction state machines and must not throw on any input: malformed data
 * becomes an anomaly ({@link StreamContext#anomaly}).
 */
public interface StreamDecoder {
    /** The next bytes of {@code direction}; the view is valid only during the call. */
    void onData(Direction direction, ByteView data);

    /** {@code length} bytes of {@code direction} were never captured; the decoder should resynchronise. */
    void onGap(Direction direction, long length);

    /**
     * {@code direction}'s sender closed its side: its FIN was reached with every byte before it delivered (a body
     * delimited by the close ends here, at this packet). Later, {@link #onEnd} still comes.
     */
    default void onFin(Direction direction) { }

    /** The conversation ended (FIN, RST, idle timeout or end of capture). */
    default void onEnd() { }

    @FunctionalInterface
    interface Factory {
        StreamDecoder create(StreamContext context);
    }
}
