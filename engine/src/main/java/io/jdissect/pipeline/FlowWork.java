package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.flow.Endpoint;
import io.jdissect.flow.Flow;
import io.jdissect.flow.FlowKey;
import io.jdissect.flow.FlowState;
import io.jdissect.flow.FlowSummary;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.tcp.HeldBudget;
import io.jdissect.tcp.ReassemblyEvents;

import java.util.ArrayList;
import java.util.List;

/**
 * The flow half of an analysis: the conversations it is given (by tcp.stream), their counters, reassembly and
 * dissectors, and the rows they produce. Which packet belongs to which conversation, and when a conversation
 * ends, is decided by the {@link Analyzer} in front of it, so that several of these can work side by side on
 * separate threads, each owning its own flows, while stream numbers stay those of one pass over the capture.
 * Not thread-safe: one thread drives one instance.
 */
final class FlowWork {
    private final Registry registry;
    private final Config config;
    private final RowSink sink;
    /** Live flows by tcp.stream (a sparse index when this works beside others). */
    private Flow[] live = new Flow[1024];
    private int liveCount;
    private final List<FlowSummary> finished = new ArrayList<>();
    private final HeldBudget heldTotal = new HeldBudget();
    private final long maxHeldTotal;
    private final long maxHeld;
    private final long maxAnomaliesPerFlow;
    private final boolean[] rowFields;
    private final io.jdissect.spi.RowCheck rowCheck;
    private StreamTap tap;
    long firstTimestamp;
    private long frame;
    private long timestamp;

    /** @param maxHeldTotal out-of-order bytes all flows of this instance may hold together */
    FlowWork(Registry registry, Config config, RowSink sink, long maxHeldTotal) {
        this.registry = registry;
        this.config = config;
        this.sink = sink;
        this.rowFields = rowFields(sink);
        this.maxHeld = config.pref(Limits.TCP_MAX_HELD);
        this.maxAnomaliesPerFlow = config.pref(Limits.MAX_ANOMALIES_PER_FLOW);
        this.maxHeldTotal = maxHeldTotal;
        this.rowCheck = registry.rowCheck();
    }

    /** This thread's check of the rows dissectors emit against their declarations. */
    io.jdissect.spi.RowCheck rowCheck() { return rowCheck; }

    void tap(StreamTap t) { this.tap = t; }

    /**
     * A packet with TCP ports, of conversation {@code stream}.
     *
     * @param opens the packet starts this conversation (its first packet, or a SYN reusing a finished one's ports)
     */
    void packet(PacketView v, long stream, boolean opens) {
        frame = v.frame;
        timestamp = v.timestampNanos;
        Flow flow = opens ? open(v, stream) : get(stream);
        Direction dir = flow.directionFrom(v.srcHi, v.srcLo, v.srcPort);
        count(flow, dir, v);
        if (v.isTcp) {
            FlowDecoding fd = (FlowDecoding) flow.attachment;
            int d = dir.index();
            flow.reassembly(d).segment(v.seq, v.syn(), v.fin(), v.payload, v.tcpLength, frame, fd.sink(d), fd.events(d));
            if (heldTotal.total() > maxHeldTotal) enforceHeldTotal(flow, dir);
            if ((v.fin() || v.rst()) && !fd.ended() && closedAndDelivered(flow)) fd.end();
        } else if (v.problem != null) {
            anomaly(EngineFields.MALFORMED, flow, dir, v.problem);
        }
    }

    /** Both directions delivered up to their FINs, or a reset with nothing held: no more bytes will come to decode. */
    private static boolean closedAndDelivered(Flow f) {
        if (f.state == FlowState.RESET) return f.heldBytes() == 0;
        return f.reassembly(0).finished() && f.reassembly(1).finished();
    }

    private Flow get(long stream) {
        return live[(int) stream];
    }

    private Flow open(PacketView v, long stream) {
        Endpoint src = new Endpoint(v.ipVersion, v.srcHi, v.srcLo, v.srcPort);
        Endpoint dst = new Endpoint(v.ipVersion, v.dstHi, v.dstLo, v.dstPort);
        boolean srcIsClient;
        FlowState state;
        if (v.syn()) {
            srcIsClient = !v.ackFlag();
            state = FlowState.SYN_SENT;
        } else {
            srcIsClient = guessSourceIsClient(v.srcPort, v.dstPort);
            state = FlowState.MIDSTREAM;
        }
        Flow f = new Flow(stream, FlowKey.of(v), srcIsClient ? src : dst, srcIsClient ? dst : src, frame, timestamp, state, maxHeld, heldTotal);
        f.attachment = new FlowDecoding(this, f, new Events(f, Direction.C2S), new Events(f, Direction.S2C));
        if (stream >= live.length) live = java.util.Arrays.copyOf(live, (int) Math.max(stream + 1, live.length * 2L));
        live[(int) stream] = f;
        liveCount++;
        return f;
    }

    /** Without a SYN, the side on the lower, non-ephemeral port is taken to be the server. */
    static boolean guessSourceIsClient(int srcPort, int dstPort) {
        boolean srcEphemeral = srcPort >= 32768, dstEphemeral = dstPort >= 32768;
        if (srcEphemeral != dstEphemeral) return srcEphemeral;
        if (srcPort < 1024 != dstPort < 1024) return dstPort < 1024;
        return true;   // no better clue: the first packet's sender
    }

    private void count(Flow f, Direction d, PacketView v) {
        f.count(d.index(), v.tcpLength);
        f.lastNanos = timestamp;
        f.lastFrame = frame;
        if (!v.isTcp) return;
        if (v.rst()) f.state = FlowState.RESET;
        else if (f.state == FlowState.RESET) return;   // nothing after a reset reopens the conversation
        else if (v.fin()) {
            f.state = f.fin(d.index()) ? FlowState.CLOSED : FlowState.CLOSING;
        } else if (f.state == FlowState.SYN_SENT && (v.ackFlag() && !v.syn() || v.tcpLength > 0)) {
            f.state = FlowState.ESTABLISHED;
        }
    }

    /**
     * Over the limit across flows. The total was within it before this segment, so the direction that pushed it
     * over holds at least the excess: it gives up its own oldest holes, and flows that held still are left alone.
     */
    private void enforceHeldTotal(Flow current, Direction d) {
        release(current, d, heldTotal.total() - maxHeldTotal, "out-of-order bytes of all flows over " + maxHeldTotal);
    }

    private void release(Flow f, Direction d, long bytes, String why) {
        if (bytes <= 0) return;
        FlowDecoding fd = (FlowDecoding) f.attachment;
        f.reassembly(d.index()).release(bytes, why, fd.sink(d.index()), fd.events(d.index()));
    }

    /**
     * Ends conversation {@code stream}: flushes it, ends its dissector, keeps only its summary.
     *
     * @param idle it went idle: it ends as of its last packet (else as of the current one, {@code frame})
     */
    void finish(long stream, boolean idle, long frameNow, long timestampNow) {
        Flow f = get(stream);
        frame = idle ? f.lastFrame : frameNow;
        timestamp = idle ? f.lastNanos : timestampNow;
        FlowDecoding fd = (FlowDecoding) f.attachment;
        for (Direction d : Direction.values()) {
            f.reassembly(d.index()).flush(fd.sink(d.index()), fd.events(d.index()));
        }
        fd.end();
        live[(int) stream] = null;
        liveCount--;
        finished.add(FlowSummary.of(f));
    }

    /** Finishes the idlest flow early because the table is full, saying so on that flow. */
    void evict(long stream, long frameNow, long timestampNow, String detail) {
        frame = frameNow;
        timestamp = timestampNow;
        anomaly(EngineFields.FLOW_EVICTED, get(stream), null, detail);
        finish(stream, false, frameNow, timestampNow);
    }

    /** Summaries of the finished conversations, in the order they finished. */
    List<FlowSummary> finished() { return finished; }

    int liveFlows() { return liveCount; }

    private double relative(long ts) {
        return (ts - firstTimestamp) / 1e9;
    }

    /** A row of {@code source} for a flow, already carrying the packet and endpoint fields (those the sink wants). */
    Row newRow(String source, Flow flow, Direction dir) {
        return newRow(source, flow, dir, frame, timestamp);
    }

    /** The same, for bytes that arrived in an earlier packet (replayed after a flow heuristic decided). */
    Row newRow(String source, Flow flow, Direction dir, long frameNumber, long timestampNanos) {
        Row r = new Row(source, dir);
        boolean[] w = rowFields;
        if (w[0]) r.put(EngineFields.FRAME_NUMBER, frameNumber);
        if (w[1]) r.put(EngineFields.FRAME_TIME, timestampNanos);
        if (w[2]) r.put(EngineFields.FRAME_TIME_RELATIVE, relative(timestampNanos));
        if (w[3]) r.put(EngineFields.TCP_STREAM, flow.stream);
        boolean c2s = dir == Direction.C2S;
        if (w[4]) r.put(EngineFields.IP_SRC, c2s ? flow.clientAddress() : flow.serverAddress());
        if (w[5]) r.put(EngineFields.IP_DST, c2s ? flow.serverAddress() : flow.clientAddress());
        if (w[6]) r.put(EngineFields.TCP_SRCPORT, c2s ? flow.clientPort() : flow.serverPort());
        if (w[7]) r.put(EngineFields.TCP_DSTPORT, c2s ? flow.serverPort() : flow.clientPort());
        if (w[8]) r.put(EngineFields.TCP_PORT, flow.ports(dir));
        if (w[9]) r.put(EngineFields.DIRECTION, dir.label());
        return r;
    }

    /** Which of the fields {@link #newRow} fills the sink wants, in that order. */
    private static boolean[] rowFields(RowSink sink) {
        List<io.jdissect.field.FieldDef<?>> f = List.of(EngineFields.FRAME_NUMBER, EngineFields.FRAME_TIME, EngineFields.FRAME_TIME_RELATIVE,
                EngineFields.TCP_STREAM, EngineFields.IP_SRC, EngineFields.IP_DST, EngineFields.TCP_SRCPORT, EngineFields.TCP_DSTPORT,
                EngineFields.TCP_PORT, EngineFields.DIRECTION);
        boolean[] w = new boolean[f.size()];
        for (int i = 0; i < w.length; i++) w[i] = sink.wantsField(f.get(i).id());
        return w;
    }

    void anomaly(AnomalyDef kind, Flow flow, Direction dir, String detail) {
        anomaly(kind, flow, dir, detail, frame, timestamp);
    }

    void anomaly(AnomalyDef kind, Flow flow, Direction dir, String detail, long frameNumber, long timestampNanos) {
        if (!sink.wants(EngineFields.ANOMALY_SOURCE.name())) return;
        long n = flow.anomalyCounts.merge(kind.id(), 1L, Long::sum);
        if (n > maxAnomaliesPerFlow) return;
        if (n == maxAnomaliesPerFlow) detail = detail + " (limit " + Limits.MAX_ANOMALIES_PER_FLOW + " reached: further ones on this flow are not listed)";
        Row r = newRow(EngineFields.ANOMALY_SOURCE.name(), flow, dir == null ? Direction.C2S : dir, frameNumber, timestampNanos);
        Analyzer.describe(r, kind, detail);
        sink.accept(r);
    }

    private final class Events implements ReassemblyEvents {
        private final Flow flow;
        private final Direction dir;

        Events(Flow flow, Direction dir) { this.flow = flow; this.dir = dir; }

        @Override public void retransmission(long bytes) { anomaly(EngineFields.RETRANSMISSION, flow, dir, bytes + " bytes already received"); }

        @Override public void outOfOrder(long bytes) { anomaly(EngineFields.OUT_OF_ORDER, flow, dir, bytes + " bytes ahead of a hole, held"); }

        @Override public void overlapConflict(long bytes) { anomaly(EngineFields.OVERLAP_CONFLICT, flow, dir, bytes + " overlapping bytes differ; first copy kept"); }

        @Override public void midstreamStart() { anomaly(EngineFields.MIDSTREAM, flow, dir, "no SYN seen for " + dir.label()); }

        @Override public void limitExceeded(String detail) { anomaly(EngineFields.LIMIT, flow, dir, detail); }
    }

    void tapData(Flow f, Direction d, ByteView bytes) {
        if (tap != null) tap.data(f.stream, d, frame, bytes);
    }

    void tapGap(Flow f, Direction d, long len) {
        if (tap != null) tap.gap(f.stream, d, frame, len);
    }

    long currentFrame() { return frame; }

    long currentTimestamp() { return timestamp; }

    Registry registry() { return registry; }

    Config config() { return config; }

    private final java.util.Map<Class<?>, Object> perAnalysis = new java.util.HashMap<>();

    /** See {@link io.jdissect.spi.StreamContext#perAnalysis}: one value per key for all of this instance's flows. */
    <T> T perAnalysis(Class<T> key, io.jdissect.spi.StreamContext ctx, java.util.function.Function<io.jdissect.spi.StreamContext, T> make) {
        Object v = perAnalysis.get(key);
        if (v == null) {
            v = make.apply(ctx);
            perAnalysis.put(key, v);
        }
        return key.cast(v);
    }

    RowSink sink() { return sink; }
}
