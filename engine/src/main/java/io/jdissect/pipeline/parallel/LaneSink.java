package io.jdissect.pipeline.parallel;

import io.jdissect.flow.FinishedFlows;
import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Row;

import java.util.Set;

/**
 * Collects one lane's rows into chunks, each row tagged with the step being worked on; a full chunk goes to the
 * lane's channel (a worker's) or makes the reader hand over its epoch (the front's, {@link #whenFull}).
 */
final class LaneSink implements RowSink {
    static final int CHUNK = 1024;
    private final RowSink real;
    private final Channel<RowChunk> out;
    private RowChunk chunk = new RowChunk(CHUNK);
    /** Run instead of shipping when the chunk is full (the front ships its rows only with its epochs). */
    Runnable whenFull;
    long tag;

    LaneSink(RowSink real, Channel<RowChunk> out) {
        this.real = real;
        this.out = out;
    }

    @Override public boolean wants(String source) { return real.wants(source); }

    @Override public boolean wantsField(String fieldId) { return real.wantsField(fieldId); }

    @Override public Set<String> wantedFields() { return real.wantedFields(); }

    @Override public boolean done() { return real.done(); }

    @Override
    public void accept(Row row) {
        chunk.add(row, tag);
        if (chunk.full()) {
            if (whenFull != null) whenFull.run();
            else ship(false, -1, null);
        }
    }

    /**
     * Sends what was collected; {@code endsEpoch}: it is the lane's last of epoch {@code epoch}.
     *
     * @param summaries on a worker's last chunk of the run, its conversations' summaries; else null
     */
    void ship(boolean endsEpoch, long epoch, FinishedFlows summaries) {
        RowChunk c = chunk;
        c.endsEpoch = endsEpoch;
        c.epoch = epoch;
        c.summaries = summaries;
        chunk = new RowChunk(CHUNK);
        out.put(c);
    }
}
