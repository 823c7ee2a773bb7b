package io.jdissect.spi;

import io.jdissect.bytes.ByteView;

/** Decides from the first payload bytes of a conversation whether a dissector should take it. */
@FunctionalInterface
public interface StreamHeuristic {
    boolean accepts(Direction direction, ByteView firstBytes);
}
