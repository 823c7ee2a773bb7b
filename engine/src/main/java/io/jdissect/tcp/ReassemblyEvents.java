package io.jdissect.tcp;

/** What the reassembler noticed about the segments of one direction; the engine turns these into anomalies. */
public interface ReassemblyEvents {
    void retransmission(long bytes);

    void outOfOrder(long bytes);

    void overlapConflict(long bytes);

    void midstreamStart();

    void limitExceeded(String detail);
}
