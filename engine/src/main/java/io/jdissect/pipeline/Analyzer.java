package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.RawPacket;
import io.jdissect.flow.Endpoint;
import io.jdissect.flow.Flow;
import io.jdissect.flow.FlowKey;
import io.jdissect.flow.FlowState;
import io.jdissect.flow.FlowSummary;
import io.jdissect.ip.FragmentProblem;
import io.jdissect.ip.FragmentReassembler;
import io.jdissect.ip.IpFragments;
import io.jdissect.link.LinkType;
import io.jdissect.packet.PacketDecoder;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.tcp.HeldBytes;
import io.jdissect.tcp.ReassemblyEvents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one capture through link/IP/TCP decoding, reassembly and the dissectors, sending rows to a sink
 * as they are produced. Flow rows follow at the end, in tcp.stream order.
 */
public final class Analyzer {
    private final Registry registry;
    private final Config config;
    private final RowSink sink;
    private final PacketDecoder decoder;
    private final FragmentReassembler fragments;
    /** Live flows, least recently active first (access order), so idle ones are found at the head. */
    private final LinkedHashMap<FlowKey, Flow> flows = new LinkedHashMap<>(64, 0.75f, true);
    /** Finished flows by tcp.stream (null while live): the flows rows come out in stream order at the end. */
    private final List<FlowSummary> finished = new ArrayList<>();
    private final HeldBytes heldTotal = new HeldBytes();
    private final long maxHeldTotal;
    private final long maxFlows;
    private final long idleTimeoutNanos;
    /** Interfaces whose link type is not decoded, in order of first packet: {packets, first frame}. */
    private final Map<UnsupportedLink, long[]> unsupported = new LinkedHashMap<>();
    private final List<CaptureWarning> warnings;
    private final long maxHeld;
    private final long maxAnomaliesPerFlow;
    private StreamTap tap;
    private long nextStream;
    private long firstTimestamp = Long.MIN_VALUE;
    private long frame;
    private long timestamp;
    private long packets;

    public Analyzer(Registry registry, Config config, RowSink sink, List<CaptureWarning> warnings) {
        this.registry = registry;
        this.config = config;
        this.sink = sink;
        this.warnings = warnings;
        this.fragments = new IpFragments(Limits.fragments(config), this::fragmentProblem);
        this.decoder = new PacketDecoder(fragments);
        this.maxHeld = config.pref(Limits.TCP_MAX_HELD, Limits.TCP_MAX_HELD_DEFAULT);
        this.maxAnomaliesPerFlow = config.pref(Limits.MAX_ANOMALIES_PER_FLOW, Limits.MAX_ANOMALIES_PER_FLOW_DEFAULT);
        this.maxHeldTotal = config.pref(Limits.TCP_MAX_HELD_TOTAL, Limits.TCP_MAX_HELD_TOTAL_DEFAULT);
        this.maxFlows = Math.max(1, config.pref(Limits.TCP_MAX_FLOWS, Limits.TCP_MAX_FLOWS_DEFAULT));
        this.idleTimeoutNanos = config.pref(Limits.TCP_IDLE_TIMEOUT, Limits.TCP_IDLE_TIMEOUT_DEFAULT) * 1_000_000_000L;
    }

    public Analyzer tap(StreamTap tap) {
        this.tap = tap;
        return this;
    }

    /**
     * Reads the whole capture. On damage, everything read before it is still analysed and emitted, then
     * the {@link CaptureException} is rethrown for the caller to report.
     */
    public void run(CaptureReader reader) throws CaptureException {
        try {
            RawPacket p;
            while ((p = reader.next()) != null) {
                packet(p);
            }
        } catch (CaptureException e) {
            anomaly(EngineFields.CAPTURE_DAMAGED, null, null, e.getMessage());
            throw e;
        } finally {
            finish();
        }
    }

    public void packet(RawPacket p) {
        packets++;
        frame = p.number();
        timestamp = p.timestampNanos();
        if (firstTimestamp == Long.MIN_VALUE) firstTimestamp = timestamp;
        drainWarnings();
        if (!LinkType.supported(p.linkType())) {
            unsupported.computeIfAbsent(new UnsupportedLink(p.interfaceId(), p.linkType()), k -> new long[]{0, frame})[0]++;
        }
        fragments.expire(timestamp);
        expireIdleFlows();
        PacketView v = decoder.decode(p);
        Flow flow = null;
        Direction dir = null;
        if (v.hasPorts) {
            flow = flowFor(v);
            dir = flow.directionFrom(v.srcHi, v.srcLo, v.srcPort);
            count(flow, dir, v);
        }
        if (sink.wants(EngineFields.PACKETS.name())) sink.accept(packetRow(v, flow));
        if (flow != null && v.isTcp) {
            FlowDecoding fd = (FlowDecoding) flow.attachment;
            Flow f = flow;
            Direction d = dir;
            flow.reassembly[dir.index()].segment(v.seq, v.syn(), v.fin(), v.payload, v.tcpLength, frame,
                    fd.sinks[dir.index()], new Events(f, d));
            if (heldTotal.total() > maxHeldTotal) enforceHeldTotal(flow, dir);
        } else if (v.problem != null && v.hasPorts) {
            anomaly(EngineFields.MALFORMED, flow, dir, v.problem);
        }
    }

    private Flow flowFor(PacketView v) {
        FlowKey key = FlowKey.of(v);
        Flow f = flows.get(key);
        boolean newSyn = v.syn() && !v.ackFlag();
        if (f != null && newSyn && (f.closed() || f.fin[0] || f.fin[1])) {
            finishFlow(f);   // port reuse: the old conversation is over, a new one starts
            f = null;
        }
        if (f == null) {
            if (flows.size() >= maxFlows) evictIdlest();
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
            f = new Flow(nextStream++, key, srcIsClient ? src : dst, srcIsClient ? dst : src, frame, timestamp, state, maxHeld, heldTotal);
            f.attachment = new FlowDecoding(this, f);
            flows.put(key, f);
            finished.add(null);
        }
        return f;
    }

    /** The table is full: the flow that waited longest for a packet is finished now to make room. */
    private void evictIdlest() {
        Flow idle = flows.values().iterator().next();
        anomaly(EngineFields.FLOW_EVICTED, idle, null, "more than " + maxFlows + " flows at once (" + Limits.TCP_MAX_FLOWS
                + "); this one, idle since frame " + idle.lastFrame + ", was finished early");
        finishFlow(idle);
    }

    /** Without a SYN, the side on the lower, non-ephemeral port is taken to be the server. */
    static boolean guessSourceIsClient(int srcPort, int dstPort) {
        boolean srcEphemeral = srcPort >= 32768, dstEphemeral = dstPort >= 32768;
        if (srcEphemeral != dstEphemeral) return srcEphemeral;
        if (srcPort < 1024 != dstPort < 1024) return dstPort < 1024;
        return true;   // no better clue: the first packet's sender
    }

    private void count(Flow f, Direction d, PacketView v) {
        f.packets[d.index()]++;
        f.bytes[d.index()] += v.tcpLength;
        f.lastNanos = timestamp;
        f.lastFrame = frame;
        if (!v.isTcp) return;
        if (v.rst()) f.state = FlowState.RESET;
        else if (f.state == FlowState.RESET) return;   // nothing after a reset reopens the conversation
        else if (v.fin()) {
            f.fin[d.index()] = true;
            f.state = f.fin[0] && f.fin[1] ? FlowState.CLOSED : FlowState.CLOSING;
        } else if (f.state == FlowState.SYN_SENT && (v.ackFlag() && !v.syn() || v.tcpLength > 0)) {
            f.state = FlowState.ESTABLISHED;
        }
    }

    /**
     * Finishes flows without a packet for the idle timeout (capture time), as if at their last packet.
     * Closed flows are kept until then too: late retransmissions still belong to them.
     */
    private void expireIdleFlows() {
        if (idleTimeoutNanos <= 0) return;
        while (!flows.isEmpty()) {
            Flow f = flows.values().iterator().next();
            if (timestamp - f.lastNanos <= idleTimeoutNanos) return;
            long nowFrame = frame, now = timestamp;
            frame = f.lastFrame;
            timestamp = f.lastNanos;
            finishFlow(f);
            frame = nowFrame;
            timestamp = now;
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
        f.reassembly[d.index()].release(bytes, why, fd.sinks[d.index()], new Events(f, d));
    }

    private Row packetRow(PacketView v, Flow flow) {
        Row r = new Row(EngineFields.PACKETS.name());
        r.put(EngineFields.FRAME_NUMBER, v.frame);
        r.put(EngineFields.FRAME_TIME, v.timestampNanos);
        r.put(EngineFields.FRAME_TIME_RELATIVE, relative(v.timestampNanos));
        r.put(EngineFields.FRAME_LEN, (long) v.originalLength);
        r.put(EngineFields.FRAME_CAP_LEN, (long) v.capturedLength);
        r.put(EngineFields.FRAME_LINK_TYPE, (long) v.linkType);
        if (v.ipVersion != 0) {
            r.put(EngineFields.IP_VERSION, (long) v.ipVersion);
            r.put(EngineFields.IP_SRC, v.srcAddress());
            r.put(EngineFields.IP_DST, v.dstAddress());
            r.put(EngineFields.IP_ADDR, List.of(v.srcAddress(), v.dstAddress()));
            r.put(EngineFields.IP_PROTO, (long) v.ipProtocol);
            if (v.reassembledLength >= 0) r.put(EngineFields.IP_REASSEMBLED_LENGTH, (long) v.reassembledLength);
        }
        if (v.hasPorts) {
            r.put(EngineFields.TCP_SRCPORT, (long) v.srcPort);
            r.put(EngineFields.TCP_DSTPORT, (long) v.dstPort);
            r.put(EngineFields.TCP_PORT, List.of((long) v.srcPort, (long) v.dstPort));
            r.put(EngineFields.TCP_STREAM, flow.stream);
        }
        if (v.isTcp) {
            r.put(EngineFields.TCP_LEN, (long) v.tcpLength);
            r.put(EngineFields.TCP_SEQ, v.seq);
            r.put(EngineFields.TCP_ACK, v.ack);
            r.put(EngineFields.TCP_FLAGS, flags(v.tcpFlags));
        }
        return r;
    }

    private static String flags(int f) {
        StringBuilder sb = new StringBuilder();
        if ((f & PacketView.SYN) != 0) sb.append('S');
        if ((f & PacketView.ACK) != 0) sb.append('A');
        if ((f & PacketView.PSH) != 0) sb.append('P');
        if ((f & PacketView.FIN) != 0) sb.append('F');
        if ((f & PacketView.RST) != 0) sb.append('R');
        return sb.toString();
    }

    private double relative(long ts) {
        return (ts - firstTimestamp) / 1e9;
    }

    /** A row of {@code source} for a flow, already carrying the packet and endpoint fields. */
    Row newRow(String source, Flow flow, Direction dir) {
        Row r = new Row(source);
        r.put(EngineFields.FRAME_NUMBER, frame);
        r.put(EngineFields.FRAME_TIME, timestamp);
        r.put(EngineFields.FRAME_TIME_RELATIVE, relative(timestamp));
        r.put(EngineFields.TCP_STREAM, flow.stream);
        Endpoint src = dir == Direction.C2S ? flow.client : flow.server;
        Endpoint dst = dir == Direction.C2S ? flow.server : flow.client;
        r.put(EngineFields.IP_SRC, src.address());
        r.put(EngineFields.IP_DST, dst.address());
        r.put(EngineFields.TCP_SRCPORT, (long) src.port());
        r.put(EngineFields.TCP_DSTPORT, (long) dst.port());
        r.put(EngineFields.TCP_PORT, List.of((long) src.port(), (long) dst.port()));
        r.put(EngineFields.DIRECTION, dir.label());
        return r;
    }

    void anomaly(AnomalyDef kind, Flow flow, Direction dir, String detail) {
        if (!sink.wants(EngineFields.ANOMALY_SOURCE.name())) return;
        if (flow != null) {
            long n = flow.anomalyCounts.merge(kind.id(), 1L, Long::sum);
            if (n > maxAnomaliesPerFlow) return;
            if (n == maxAnomaliesPerFlow) detail = detail + " (limit " + Limits.MAX_ANOMALIES_PER_FLOW + " reached: further ones on this flow are not listed)";
        }
        Row r = flow != null ? newRow(EngineFields.ANOMALY_SOURCE.name(), flow, dir == null ? Direction.C2S : dir)
                : new Row(EngineFields.ANOMALY_SOURCE.name());
        if (flow == null) {
            r.put(EngineFields.FRAME_NUMBER, frame);
            r.put(EngineFields.FRAME_TIME, timestamp);
        }
        r.put(EngineFields.ANOMALY_ID, kind.id());
        r.put(EngineFields.ANOMALY_SEVERITY, kind.severity().name().toLowerCase(java.util.Locale.ROOT));
        r.put(EngineFields.ANOMALY_DETAIL, detail);
        sink.accept(r);
    }

    private record UnsupportedLink(int interfaceId, int linkType) { }

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

    private void fragmentProblem(FragmentProblem problem, long firstFrame, String detail) {
        AnomalyDef kind = switch (problem) {
            case OVERLAP -> EngineFields.IP_FRAGMENT_OVERLAP;
            case LIMIT -> EngineFields.IP_FRAGMENT_LIMIT;
            case TIMEOUT -> EngineFields.IP_FRAGMENT_TIMEOUT;
            case TRUNCATED -> EngineFields.IP_FRAGMENT_TRUNCATED;
            case INCOMPLETE -> EngineFields.IP_FRAGMENT_INCOMPLETE;
        };
        anomaly(kind, null, null, detail + " (datagram started in frame " + firstFrame + ")");
    }

    void tapData(Flow f, Direction d, ByteView bytes) {
        if (tap != null) tap.data(f.stream, d, frame, bytes);
    }

    void tapGap(Flow f, Direction d, long len) {
        if (tap != null) tap.gap(f.stream, d, frame, len);
    }

    private void drainWarnings() {
        if (warnings.isEmpty()) return;
        for (CaptureWarning w : warnings) anomaly(EngineFields.CAPTURE_DAMAGED, null, null, "byte offset " + w.offset() + ": " + w.message());
        warnings.clear();
    }

    private void finishFlow(Flow f) {
        FlowDecoding fd = (FlowDecoding) f.attachment;
        for (Direction d : Direction.values()) {
            f.reassembly[d.index()].flush(fd.sinks[d.index()], new Events(f, d));
        }
        fd.end();
        flows.remove(f.key, f);
        finished.set((int) f.stream, FlowSummary.of(f));
    }

    /** Flushes every flow and emits the flow rows and summary anomalies. Called once, at the end. */
    public void finish() {
        drainWarnings();
        fragments.finish();
        for (Flow f : new ArrayList<>(flows.values())) finishFlow(f);
        for (Map.Entry<UnsupportedLink, long[]> e : unsupported.entrySet()) {
            frame = e.getValue()[1];
            long n = e.getValue()[0];
            anomaly(EngineFields.UNSUPPORTED_LINKTYPE, null, null, "interface " + e.getKey().interfaceId() + ": "
                    + LinkType.name(e.getKey().linkType()) + ": " + n + (n == 1 ? " packet" : " packets") + " not decoded");
        }
        if (sink.wants(EngineFields.FLOWS.name())) {
            for (FlowSummary f : finished) sink.accept(flowRow(f));
        }
    }

    private Row flowRow(FlowSummary f) {
        Row r = new Row(EngineFields.FLOWS.name());
        r.put(EngineFields.TCP_STREAM, f.stream());
        r.put(EngineFields.FRAME_NUMBER, f.firstFrame());
        r.put(EngineFields.FLOW_CLIENT, f.client().toString());
        r.put(EngineFields.FLOW_SERVER, f.server().toString());
        r.put(EngineFields.IP_SRC, f.client().address());
        r.put(EngineFields.IP_DST, f.server().address());
        r.put(EngineFields.IP_ADDR, List.of(f.client().address(), f.server().address()));
        r.put(EngineFields.TCP_SRCPORT, (long) f.client().port());
        r.put(EngineFields.TCP_DSTPORT, (long) f.server().port());
        r.put(EngineFields.TCP_PORT, List.of((long) f.client().port(), (long) f.server().port()));
        r.put(EngineFields.FLOW_PROTOCOL, f.protocol());
        r.put(EngineFields.FLOW_PACKETS, f.packets()[0] + f.packets()[1]);
        r.put(EngineFields.FLOW_BYTES, f.tcpBytes()[0] + f.tcpBytes()[1]);
        r.put(EngineFields.FLOW_C2S_PACKETS, f.packets()[0]);
        r.put(EngineFields.FLOW_S2C_PACKETS, f.packets()[1]);
        r.put(EngineFields.FLOW_C2S_BYTES, f.reassembled()[0]);
        r.put(EngineFields.FLOW_S2C_BYTES, f.reassembled()[1]);
        r.put(EngineFields.FLOW_GAPS, f.gapBytes());
        r.put(EngineFields.FLOW_STATE, f.state().label());
        r.put(EngineFields.FLOW_START, f.startNanos());
        r.put(EngineFields.FLOW_END, f.endNanos());
        r.put(EngineFields.FLOW_DURATION, (f.endNanos() - f.startNanos()) / 1e9);
        return r;
    }

    long currentFrame() { return frame; }

    long currentTimestamp() { return timestamp; }

    Registry registry() { return registry; }

    Config config() { return config; }

    RowSink sink() { return sink; }

    public long packets() { return packets; }

    /** Flows in the table now (finished ones are only a summary), for tests of bounded memory. */
    public int liveFlows() { return flows.size(); }
}
