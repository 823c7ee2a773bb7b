package io.jdissect.ip;

/** What went wrong with a fragmented datagram; the engine turns each into an anomaly. */
public enum FragmentProblem {
    /** Overlapping fragments carry different bytes (the first copy is kept), or disagree on the datagram's end. */
    OVERLAP,
    /** A {@link FragmentLimits} bound was reached; the datagram was dropped. */
    LIMIT,
    /** The datagram was not complete within the timeout; dropped. */
    TIMEOUT,
    /** Snaplen cut a fragment, so its datagram cannot be rebuilt; dropped. */
    TRUNCATED,
    /** The capture ended with the datagram still incomplete. */
    INCOMPLETE
}
