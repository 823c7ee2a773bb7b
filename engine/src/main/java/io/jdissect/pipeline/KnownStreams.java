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

    /**
     * The time of the record before that packet in the file (its own time for frame 1), which a replay reads for
     * that alone when the record is not of its conversations: frame.time_delta then equals a full read's.
     */
    long previousTimestamp();
}
