package io.jdissect.pipeline.parallel;

import io.jdissect.flow.FinishedFlows;
import io.jdissect.spi.Row;

import java.util.Arrays;

/** Rows of one lane (the reader's front, or one worker) in their order, each tagged with the step that made it. */
final class RowChunk {
    Row[] rows;
    long[] tags;
    int size;
    /** The lane's last rows of epoch {@link #epoch}. */
    boolean endsEpoch;
    long epoch;
    /** On a worker's chunk that ends the run: its conversations' summaries. */
    FinishedFlows summaries;

    RowChunk(int capacity) {
        rows = new Row[capacity];
        tags = new long[capacity];
    }

    boolean full() { return size >= rows.length; }

    /** Adds a row; grows past the capacity when the lane may not hand over now (the front, within one packet). */
    void add(Row r, long tag) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            tags = Arrays.copyOf(tags, size * 2);
        }
        rows[size] = r;
        tags[size++] = tag;
    }
}
