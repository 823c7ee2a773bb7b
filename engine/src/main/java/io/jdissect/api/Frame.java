package io.jdissect.api;

import io.jdissect.bytes.ByteView;

/**
 * One captured packet as it is in the file.
 *
 * @param data           the captured bytes (a copy: it stays valid)
 * @param originalLength its length on the wire (more than the captured bytes when snaplen cut it)
 */
public record Frame(long number, long timestampNanos, int linkType, int originalLength, ByteView data) { }
