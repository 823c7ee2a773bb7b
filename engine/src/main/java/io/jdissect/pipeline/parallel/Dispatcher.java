package io.jdissect.pipeline.parallel;

import io.jdissect.flow.FinishedFlows;
import io.jdissect.packet.PacketView;
import io.jdissect.pipeline.ConversationPort;

/**
 * The reader's side of the hand-off: what the packet stage gives the conversations goes into the open
 * {@link Epoch}, each entry with the next step number, and every step of the front's own rows with the number after.
 * A full epoch (or a full chunk of the front's rows) is handed to every worker, and the front's rows of that epoch
 * to the merge. Reader thread only.
 */
final class Dispatcher implements ConversationPort {
    private final Channel<Epoch>[] workerIn;
    private final Channel<Epoch> free;
    private final LaneSink front;
    private final ViewPool views = new ViewPool();
    private Epoch open;
    private long epochs;
    private long firstTimestamp;
    /** The last step handed out; the front's rows after it are tagged {@code step + 1}. */
    private long step;
    private boolean ended;

    Dispatcher(Channel<Epoch>[] workerIn, Channel<Epoch> free, LaneSink front) {
        this.workerIn = workerIn;
        this.free = free;
        this.front = front;
        front.whenFull = () -> seal(false);
        open = free.take();
    }

    /** Epochs handed over so far, and so the number of the open one. */
    long epochs() { return epochs; }

    @Override
    public void firstPacket(long timestampNanos) { firstTimestamp = timestampNanos; }

    private int add(byte kind, long stream, long frame, long timestampNanos) {
        int i = open.add(kind, ++step, stream, frame, timestampNanos);
        front.tag = ++step;   // the front's own rows after this entry come after the worker's
        return i;
    }

    @Override
    public PacketView packet(PacketView v, long stream, boolean opens) {
        int i = add(opens ? Epoch.OPENS : Epoch.PACKET, stream, v.frame, v.timestampNanos);
        open.view[i] = v;
        open.bytes += v.capturedLength;
        if (open.full()) seal(false);
        return views.take();
    }

    @Override
    public void finish(long stream, long frame, long timestampNanos) {
        add(Epoch.FINISH, stream, frame, timestampNanos);
        if (open.full()) seal(false);
    }

    @Override
    public void evict(long stream, long frame, long timestampNanos, String detail) {
        int i = add(Epoch.EVICT, stream, frame, timestampNanos);
        open.detail[i] = detail;
        if (open.full()) seal(false);
    }

    /** The last epoch goes out; the summaries come back through the workers' lanes, not from here. */
    @Override
    public FinishedFlows end() {
        seal(true);
        return FinishedFlows.NONE;
    }

    /** Hands the open epoch to every worker and the front's rows to the merge, and opens the next epoch. */
    private void seal(boolean last) {
        if (ended) return;
        Epoch e = open;
        e.number = epochs++;
        e.firstTimestamp = firstTimestamp;
        e.last = last;
        e.readers.set(workerIn.length);
        for (Channel<Epoch> in : workerIn) in.put(e);
        front.ship(true, e.number, null);
        if (last) {
            ended = true;
            open = null;
            return;
        }
        Epoch next = free.take();
        next.clear(views);
        open = next;
    }
}
