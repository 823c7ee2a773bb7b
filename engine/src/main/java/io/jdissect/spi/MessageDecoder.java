package io.jdissect.spi;

import io.jdissect.bytes.ByteView;

/** Decodes whole messages published by a lower dissector (e.g. WebSocket text messages). */
public interface MessageDecoder {
    /** One complete message of {@code direction}; the view is valid only during the call. */
    void onMessage(Direction direction, ByteView message);

    @FunctionalInterface
    interface Factory {
        MessageDecoder create(StreamContext context);
    }

    @FunctionalInterface
    interface Heuristic {
        boolean accepts(ByteView message);
    }
}
