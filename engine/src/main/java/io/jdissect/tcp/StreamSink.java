package io.jdissect.tcp;

import io.jdissect.bytes.ByteView;

/** Receives one direction's reassembled bytes in stream order. */
public interface StreamSink {
    void data(ByteView bytes);

    /** {@code length} bytes at this point of the stream were never captured. */
    void gap(long length, String reason);
}
