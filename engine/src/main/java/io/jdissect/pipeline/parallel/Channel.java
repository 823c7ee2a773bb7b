package io.jdissect.pipeline.parallel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-off between two threads of a run. A thread waiting on it wakes every few milliseconds to see
 * whether the run was given up (a thread failed, or the consumer stopped), so no thread can wait on a peer that
 * has died: it unwinds with {@link RunState.Aborted} instead.
 */
final class Channel<T> {
    private static final long CHECK_MILLIS = 20;
    private final ArrayBlockingQueue<T> queue;
    private final RunState state;

    Channel(int capacity, RunState state) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.state = state;
    }

    void put(T item) {
        try {
            while (!queue.offer(item, CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (state.aborted()) throw new RunState.Aborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.fail(e);
            throw new RunState.Aborted();
        }
    }

    /** For a channel whose capacity is the number of items that exist: never waits. */
    void give(T item) {
        if (!queue.offer(item)) throw new IllegalStateException("channel over its capacity");
    }

    T take() {
        try {
            T item;
            while ((item = queue.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                if (state.aborted()) throw new RunState.Aborted();
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.fail(e);
            throw new RunState.Aborted();
        }
    }
}
