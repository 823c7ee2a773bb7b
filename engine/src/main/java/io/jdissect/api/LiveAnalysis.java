package io.jdissect.api;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.RawPacket;
import io.jdissect.pipeline.Analysis;
import io.jdissect.query.Query;

/**
 * A query over packets as they arrive (live capture): the same stages, dissectors and settings as a saved capture,
 * fed one packet at a time on the caller's thread. Rows go to the query's consumer as they are made;
 * {@link #finish} ends every conversation and the query.
 */
public final class LiveAnalysis {
    private final Analysis.Live live;
    private final Query.Runner runner;
    private long frame;

    LiveAnalysis(Analysis analysis, Query.Runner runner) {
        this.live = analysis.live();
        this.runner = runner;
    }

    /**
     * One captured packet.
     *
     * @param data           the captured bytes (kept only during the call)
     * @param originalLength its length on the wire (more than {@code data.length} when snaplen cut it)
     */
    public void packet(long timestampNanos, int linkType, byte[] data, int originalLength) {
        live.packet(new RawPacket(++frame, timestampNanos, linkType, 0, originalLength, ByteView.of(data), 0));
    }

    /** Whether the query needs no more packets (its {@code limit} was reached). */
    public boolean done() { return !runner.open(); }

    public long packets() { return frame; }

    /** Ends every conversation (their last rows and the flows rows) and the query. */
    public void finish() {
        live.finish();
        runner.finish();
    }
}
