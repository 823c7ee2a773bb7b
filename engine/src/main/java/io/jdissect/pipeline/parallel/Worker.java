package io.jdissect.pipeline.parallel;

import io.jdissect.pipeline.Conversations;

/**
 * One worker thread: the conversations whose tcp.stream modulo the number of workers is its own, their reassembly
 * and dissectors. It works each epoch's entries of those conversations in order, tagging their rows with the
 * entry's step, and ends each epoch's rows with a marker the merge waits for.
 */
final class Worker implements Runnable {
    private final int index;
    private final int workers;
    private final Conversations conversations;
    private final LaneSink lane;
    private final Channel<Epoch> in;
    private final Channel<Epoch> free;
    private final RunState state;
    /** Every epoch up to this one is done: the views of its packets are no longer read. */
    volatile long finishedEpoch = -1;

    Worker(int index, int workers, Conversations conversations, LaneSink lane, Channel<Epoch> in, Channel<Epoch> free, RunState state) {
        this.index = index;
        this.workers = workers;
        this.conversations = conversations;
        this.lane = lane;
        this.in = in;
        this.free = free;
        this.state = state;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Epoch e = in.take();
                work(e);
                long number = e.number;
                boolean last = e.last;
                finishedEpoch = number;
                if (e.readers.decrementAndGet() == 0 && !last) free.give(e);
                if (last) {
                    lane.ship(true, number, conversations.end());
                    return;
                }
                lane.ship(true, number, null);
            }
        } catch (RunState.Aborted a) {
            // another thread failed or the consumer stopped: it says why
        } catch (Throwable t) {
            state.fail(t);
        }
    }

    private void work(Epoch e) {
        conversations.firstPacket(e.firstTimestamp);
        for (int i = 0; i < e.size; i++) {
            long stream = e.stream[i];
            if (workers > 1 && stream % workers != index) continue;
            lane.tag = e.step[i];
            switch (e.kind[i]) {
                case Epoch.PACKET -> conversations.packet(e.view[i], stream, false);
                case Epoch.OPENS -> conversations.packet(e.view[i], stream, true);
                case Epoch.FINISH -> conversations.finish(stream, e.frame[i], e.timestamp[i]);
                case Epoch.EVICT -> conversations.evict(stream, e.frame[i], e.timestamp[i], e.detail[i]);
                default -> throw new IllegalStateException("epoch entry kind " + e.kind[i]);
            }
        }
    }
}
