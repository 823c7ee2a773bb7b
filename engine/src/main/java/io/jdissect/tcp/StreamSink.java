package io.jdissect.tcp;

import io.jdissect.bytes.ByteView;

/** Receives one direction's reassembled bytes in stream order. */
public interface StreamSink {
    void data(ByteView bytes);

    /** {@code length} bytes at this point of the stream were never captured. */
    void gap(long length, String reason);

    /**
     * The bytes given next (and a gap before them) arrived in {@code frame} at {@code timestampNanos}, not in the
     * packet being worked on: held bytes delivered after a hole before them was given up (a flush or a limit).
     */
    default void heldArrival(long frame, long timestampNanos) { }
}
