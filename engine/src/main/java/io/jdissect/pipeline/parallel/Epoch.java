package io.jdissect.pipeline.parallel;

import io.jdissect.packet.PacketView;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the reader handed over between two hand-offs: packets (as the decoder's views of the reader's buffers, not
 * copied) and conversation ends, each with the step number its rows are tagged with. One epoch goes to every
 * worker, read-only; each works the entries of its own conversations. It is reused once every worker is done.
 */
final class Epoch {
    static final byte PACKET = 0, OPENS = 1, FINISH = 2, EVICT = 3;

    final byte[] kind;
    final long[] step;
    final long[] stream;
    final long[] frame;
    final long[] timestamp;
    final PacketView[] view;
    final String[] detail;
    int size;
    /** Capture bytes its packets' views hold in the reader's buffers (which stay pinned until every worker is done). */
    long bytes;
    /** Sequence number of this epoch in the run. */
    long number;
    long firstTimestamp;
    /** The last epoch of the run: after it the workers end their conversations' summaries. */
    boolean last;
    /** Workers that have not finished this epoch yet. */
    final AtomicInteger readers = new AtomicInteger();

    Epoch(int capacity) {
        kind = new byte[capacity];
        step = new long[capacity];
        stream = new long[capacity];
        frame = new long[capacity];
        timestamp = new long[capacity];
        view = new PacketView[capacity];
        detail = new String[capacity];
    }

    /**
     * Capture bytes an epoch may hold before it is handed over, whatever its entries: epochs in flight are bounded in
     * number, and this bounds what they pin (4,096 packets of 32 KiB each would be 128 MiB an epoch).
     */
    static final long MAX_BYTES = 4L << 20;

    boolean full() { return size == kind.length || bytes >= MAX_BYTES; }

    /** Adds an entry; returns its index. */
    int add(byte k, long stepNumber, long streamNumber, long frameNumber, long timestampNanos) {
        int i = size++;
        kind[i] = k;
        step[i] = stepNumber;
        stream[i] = streamNumber;
        frame[i] = frameNumber;
        timestamp[i] = timestampNanos;
        return i;
    }

    /** Empties it for reuse; its views are given back to {@code pool} (the reader's). */
    void clear(ViewPool pool) {
        for (int i = 0; i < size; i++) {
            if (view[i] != null) {
                pool.give(view[i]);
                view[i] = null;
            }
            detail[i] = null;
        }
        size = 0;
        bytes = 0;
        last = false;
    }
}
