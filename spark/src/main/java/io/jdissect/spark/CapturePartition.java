package io.jdissect.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's share: a whole capture file, or the conversations {@code fromStream} (inclusive) to {@code toStream}
 * (exclusive) of one. Exactly one share of a file ({@code ownsOthers}) also gives the rows of no conversation
 * (UDP, fragments, capture damage), so no row appears twice and none is lost.
 */
record CapturePartition(String file, long fromStream, long toStream, boolean ownsOthers, int part, int parts)
        implements InputPartition {

    static CapturePartition whole(String file) {
        return new CapturePartition(file, 0, Long.MAX_VALUE, true, 0, 1);
    }

    boolean whole() { return parts == 1; }

    /** Whether this share gives the rows of conversation {@code stream} ({@code -1}: of no conversation). */
    boolean owns(long stream) {
        return stream < 0 ? ownsOthers : stream >= fromStream && stream < toStream;
    }
}
