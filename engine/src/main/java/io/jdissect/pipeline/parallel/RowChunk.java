package io.jdissect.pipeline.parallel;

import io.jdissect.flow.FinishedFlows;
import io.jdissect.spi.Row;


/** Rows of one lane (the reader's front, or one worker) in their order, each tagged with the step that made it. */
final class RowChunk {
    final Row[] rows;
    final long[] tags;
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

    /** Adds a row; the lane hands the chunk over as soon as it is {@link #full}. */
    void add(Row r, long tag) {
        rows[size] = r;
        tags[size++] = tag;
    }
}
