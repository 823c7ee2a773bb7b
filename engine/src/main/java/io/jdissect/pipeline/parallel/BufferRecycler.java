package io.jdissect.pipeline.parallel;

import io.jdissect.capture.BufferSupply;

import java.util.ArrayDeque;

/**
 * The arrays the reader reads into, for {@link io.jdissect.capture.Captures#open}: packets are handed to the
 * workers as views of them, so an array the reader moved off comes back only once every worker has finished every
 * epoch its packets went into. A fresh array per refill would be the whole capture again in garbage. Called on the
 * reader's thread only.
 */
final class BufferRecycler implements BufferSupply {
    /** Retired arrays waiting for the workers, oldest first, beyond which the oldest is left to the collector. */
    private static final int MAX_WAITING = 64;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private final ArrayDeque<Long> openEpoch = new ArrayDeque<>();
    private Dispatcher dispatcher;
    private Worker[] workers;

    /** The run started: arrays retired from now on may hold packets handed over. */
    void started(Dispatcher d, Worker[] w) {
        this.dispatcher = d;
        this.workers = w;
    }

    @Override
    public byte[] next(byte[] retired, int size) {
        if (dispatcher == null) return new byte[size];   // read while opening, before the run: nothing handed over yet
        // every packet in the retired array went into an epoch up to the open one
        waiting.addLast(retired);
        openEpoch.addLast(dispatcher.epochs());
        if (waiting.size() > MAX_WAITING) {
            waiting.removeFirst();
            openEpoch.removeFirst();
        }
        byte[] oldest = waiting.peekFirst();
        if (oldest != retired && oldest.length == size && openEpoch.peekFirst() <= finishedByAll()) {
            waiting.removeFirst();
            openEpoch.removeFirst();
            return oldest;
        }
        return new byte[size];
    }

    private long finishedByAll() {
        long min = Long.MAX_VALUE;
        for (Worker w : workers) min = Math.min(min, w.finishedEpoch);
        return min;
    }
}
