package io.jdissect.tcp;

/** What the reassembler noticed about the segments of one direction; the engine turns these into anomalies. */
public interface ReassemblyEvents {
    void retransmission(long bytes);

    /** A SYN or FIN sent again at the sequence number it already had (it carries no data, so no bytes are counted). */
    default void controlRetransmission(String flag) { }

    void outOfOrder(long bytes);

    /** A keep-alive probe (one byte just below the next position): not data. */
    default void keepAlive() { }

    void overlapConflict(long bytes);

    void midstreamStart();

    void limitExceeded(String detail);
}
