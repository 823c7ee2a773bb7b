package io.jdissect.spi;

import io.jdissect.bytes.ByteView;

/** Sees every conversation's reassembled bytes, as "follow TCP stream" does. */
public interface StreamTap {
    void data(long stream, Direction direction, long frame, ByteView bytes);

    void gap(long stream, Direction direction, long frame, long length);
}
