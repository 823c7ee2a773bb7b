package io.jdissect.pipeline;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.RawPacket;
import io.jdissect.flow.FinishedFlows;
import io.jdissect.flow.FlowSummary;
import io.jdissect.spi.StreamTap;

import java.util.ArrayList;
import java.util.List;

/**
 * One configured analysis: the dissectors, the settings and where rows go. It builds the stages (a
 * {@link PacketStage} in front, {@link Conversations} behind), has an {@link Execution} lay them on threads, and
 * at the end makes the flows rows and tells the packet log, whichever execution ran.
 */
public final class Analysis {
    private final Registry registry;
    private final Config config;
    private final RowSink sink;
    private PacketLog log;
    private StreamTap tap;
    private RunWatch watch = RunWatch.NONE;

    public Analysis(Registry registry, Config config, RowSink sink) {
        this.registry = registry;
        this.config = config;
        this.sink = sink;
    }

    /** Tells {@code packetLog} of every packet and its conversation (for building a capture index). */
    public Analysis log(PacketLog packetLog) {
        this.log = packetLog;
        return this;
    }

    /** Every conversation's reassembled bytes also go to {@code t} (follow); only on the {@link Execution#SERIAL} one. */
    public Analysis tap(StreamTap t) {
        this.tap = t;
        return this;
    }

    /** Reports the reader's progress to {@code w}, which may cancel the run ({@link RunWatch}). */
    public Analysis watch(RunWatch w) {
        this.watch = w;
        return this;
    }

    public Registry registry() { return registry; }

    public Config config() { return config; }

    public RowSink sink() { return sink; }

    public boolean tapped() { return tap != null; }

    /** The packet stage of this analysis, in front of {@code port}, sending its own rows to {@code rows}. */
    public PacketStage packetStage(RowSink rows, List<CaptureWarning> warnings, ConversationPort port) {
        return new PacketStage(config, rows, warnings, port).log(log).watch(watch);
    }

    /** Conversations with the whole budget of out-of-order bytes and segments, sending rows to {@code rows}. */
    public Conversations conversations(RowSink rows) {
        return conversations(rows, 1);
    }

    /** Conversations with a {@code 1/sharedBy} share of those budgets (one of several workers). */
    public Conversations conversations(RowSink rows, int sharedBy) {
        // a finished conversation is kept only as its summary, and only when flows rows or an index need it
        boolean keep = log != null || sink.wants(EngineFields.FLOWS.name());
        long maxHeldTotal = Math.max(1, config.pref(Limits.TCP_MAX_HELD_TOTAL) / sharedBy);
        long maxSegmentsTotal = Math.max(1, config.pref(Limits.TCP_MAX_HELD_SEGMENTS_TOTAL) / sharedBy);
        return new Conversations(registry, config, rows, maxHeldTotal, maxSegmentsTotal, keep).sharedBy(sharedBy).tap(tap);
    }

    /**
     * Reads the whole capture. On damage, everything read before it is still analysed and emitted, then the
     * {@link CaptureException} is thrown for the caller to report.
     */
    public void run(CaptureReader reader, List<CaptureWarning> warnings, Execution execution) throws CaptureException {
        if (tap != null && execution != Execution.SERIAL) throw new IllegalStateException("a tap needs the serial execution");
        Outcome o = execution.run(this, reader, warnings);
        end(o.flows());
        if (o.damage() != null) throw o.damage();
    }

    /** Packets pushed one at a time (live capture), on the calling thread; {@link Live#finish} ends it. */
    public Live live() {
        return new Live(packetStage(sink, new ArrayList<>(), conversations(sink)));
    }

    /** A live analysis: packets as they arrive. */
    public final class Live {
        private final PacketStage stage;

        private Live(PacketStage stage) { this.stage = stage; }

        public void packet(RawPacket p) { stage.packet(p); }

        /** Ends every conversation and makes the flows rows. */
        public void finish() { end(stage.finish()); }

        public long packets() { return stage.packets(); }

        /** Flows in the table now (finished ones are only a summary), for tests of bounded memory. */
        public int liveFlows() { return stage.liveFlows(); }
    }

    /** The one place flows rows are made, in tcp.stream order, after every other row. */
    private void end(FinishedFlows flows) {
        try (flows) {
            if (log != null) log.finished(flows);
            if (sink.wants(EngineFields.FLOWS.name())) {
                for (FlowSummary f : flows.inStreamOrder()) sink.accept(EngineRows.flowRow(f));
            }
        }
    }
}
