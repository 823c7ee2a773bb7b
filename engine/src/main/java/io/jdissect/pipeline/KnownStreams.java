package io.jdissect.pipeline;

import io.jdissect.capture.CaptureReader;

/**
 * A reader that knows which conversation each packet belongs to (a replay of some conversations of a capture,
 * from its index): the analysis takes tcp.stream from it instead of numbering conversations itself, so the
 * numbers are those of a full read.
 */
public interface KnownStreams extends CaptureReader {
    /** The tcp.stream of the packet {@link #next()} returned last, or -1 for one of no conversation. */
    long stream();
}
