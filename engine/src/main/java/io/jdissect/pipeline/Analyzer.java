package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.RawPacket;
import io.jdissect.flow.FlowSummary;
import io.jdissect.ip.FragmentProblem;
import io.jdissect.ip.FragmentReassembler;
import io.jdissect.ip.IpFragments;
import io.jdissect.link.LinkType;
import io.jdissect.packet.PacketDecoder;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one capture through link/IP/TCP decoding, reassembly and the dissectors, sending rows to a sink
 * as they are produced. Flow rows follow at the end, in tcp.stream order.
 * <p>
 * This is the front of the pipeline: it decodes each packet's headers, numbers conversations (tcp.stream, as
 * tshark does: in order of first packet, a new one for a SYN on the ports of one that ended, and for one idle
 * past the timeout) and hands each packet with ports to the {@link Flows} behind it: one {@link FlowWork} on this
 * thread, or several on worker threads ({@link ParallelAnalysis}).
 */
public final class Analyzer {
    /** What the front hands conversations to. Calls come in capture order. */
    interface Flows {
        void packet(PacketView v, long stream, boolean opens);

        /** Conversation {@code stream} ends: as of its last packet when {@code idle}, else as of this packet. */
        void finish(long stream, boolean idle, long frame, long timestamp);

        /** The flow table is full: conversation {@code stream}, the idlest, ends now with a tcp.flow_evicted anomaly. */
        void evict(long stream, long frame, long timestamp, String detail);

        /** Every conversation has been finished: their summaries, in any order. */
        List<FlowSummary> end();
    }

    private final RowSink sink;
    private final PacketDecoder decoder;
    private final FragmentReassembler fragments;
    private final FlowIndex index = new FlowIndex();
    private final Flows flows;
    private final FlowWork local;   // null when the flows are worked on elsewhere
    private final long idleTimeoutNanos;
    private final long maxFlows;
    /** Interfaces whose link type is not decoded, in order of first packet: {packets, first frame}. */
    private final Map<UnsupportedLink, long[]> unsupported = new LinkedHashMap<>();
    private final List<CaptureWarning> warnings;
    private long nextStream;
    private PacketLog log;
    private KnownStreams known;   // a replay: tcp.stream comes from the index, not from numbering here
    private long firstTimestamp = Long.MIN_VALUE;
    private long frame;
    private long timestamp;
    private long packets;

    public Analyzer(Registry registry, Config config, RowSink sink, List<CaptureWarning> warnings) {
        this(config, sink, warnings, new FlowWork(registry, config, sink,
                config.pref(Limits.TCP_MAX_HELD_TOTAL)));
    }

    private Analyzer(Config config, RowSink sink, List<CaptureWarning> warnings, FlowWork work) {
        this(config, sink, warnings, direct(work), work);
    }

    /** A front for flows worked on elsewhere. */
    Analyzer(Config config, RowSink sink, List<CaptureWarning> warnings, Flows flows, FlowWork local) {
        this.sink = sink;
        this.warnings = warnings;
        this.flows = flows;
        this.local = local;
        this.fragments = new IpFragments(Limits.fragments(config), this::fragmentProblem);
        this.decoder = new PacketDecoder(fragments);
        this.idleTimeoutNanos = config.pref(Limits.TCP_IDLE_TIMEOUT) * 1_000_000_000L;
        this.maxFlows = config.pref(Limits.TCP_MAX_FLOWS);
    }

    private static Flows direct(FlowWork w) {
        return new Flows() {
            @Override public void packet(PacketView v, long stream, boolean opens) { w.packet(v, stream, opens); }

            @Override public void finish(long stream, boolean idle, long frame, long ts) { w.finish(stream, idle, frame, ts); }

            @Override public void evict(long stream, long frame, long ts, String detail) { w.evict(stream, frame, ts, detail); }

            @Override public List<FlowSummary> end() { return w.finished(); }
        };
    }

    /** Tells {@code log} of every packet and its conversation (for building a capture index). */
    public Analyzer log(PacketLog packetLog) {
        this.log = packetLog;
        return this;
    }

    public Analyzer tap(StreamTap tap) {
        if (local == null) throw new IllegalStateException("a tap needs the flows on this thread");
        local.tap(tap);
        return this;
    }

    /**
     * Reads the whole capture. On damage, everything read before it is still analysed and emitted, then
     * the {@link CaptureException} is rethrown for the caller to report.
     */
    public void run(CaptureReader reader) throws CaptureException {
        known = reader instanceof KnownStreams k ? k : null;
        try {
            RawPacket p;
            while ((p = reader.next()) != null) {
                packet(p);
                if ((packets & 1023) == 0 && sink.done()) break;   // nothing more can change the result
            }
        } catch (CaptureException e) {
            anomaly(EngineFields.CAPTURE_DAMAGED, e.getMessage());
            throw e;
        } finally {
            finish();
        }
    }

    public void packet(RawPacket p) {
        packets++;
        frame = p.number();
        timestamp = p.timestampNanos();
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = timestamp;
            if (local != null) local.firstTimestamp = timestamp;
        }
        drainWarnings();
        if (!LinkType.supported(p.linkType())) {
            unsupported.computeIfAbsent(new UnsupportedLink(p.interfaceId(), p.linkType()), k -> new long[]{0, frame})[0]++;
        }
        fragments.expire(timestamp);
        expireIdleFlows();
        PacketView v = decoder.decode(p);
        long stream = -1;
        boolean opens = false;
        if (log != null && v.reassembledLength >= 0) log.notReplayable("IP fragments were reassembled");
        if (v.hasPorts) {
            long given = known == null ? -1 : known.stream();   // a replay: the number the full read gave
            int slot = index.find(v);
            // a new conversation on these ports: where the full read started one, or a SYN after FIN/RST (port reuse)
            boolean over = slot >= 0 && (given >= 0 ? index.stream(slot) != given : v.syn() && !v.ackFlag() && index.ended(slot));
            if (over) {
                flows.finish(index.stream(slot), false, frame, timestamp);
                index.remove(slot);
                slot = -1;
            }
            if (slot < 0) {
                if (given < 0 && index.size() >= maxFlows) evictIdlest();
                slot = index.add(given >= 0 ? given : nextStream++);
                opens = true;
            }
            index.seen(slot, timestamp, frame);
            if (v.isTcp && (v.rst() || v.fin())) index.end(slot);
            stream = index.stream(slot);
        }
        if (log != null) log.packet(p, stream);
        if (sink.wants(EngineFields.PACKETS.name())) sink.accept(packetRow(v, stream));
        if (stream >= 0) flows.packet(v, stream, opens);
    }

    /** The table is full: the flow that waited longest for a packet is finished now to make room. */
    private void evictIdlest() {
        int idle = index.oldest();
        if (log != null) log.notReplayable("the flow table was full (" + Limits.TCP_MAX_FLOWS + ")");
        flows.evict(index.stream(idle), frame, timestamp, "more than " + maxFlows + " flows at once (" + Limits.TCP_MAX_FLOWS
                + "); this one, idle since frame " + index.lastFrame(idle) + ", was finished early");
        index.remove(idle);
    }

    /**
     * Finishes flows without a packet for the idle timeout (capture time), as if at their last packet.
     * Closed flows are kept until then too: late retransmissions still belong to them.
     */
    private void expireIdleFlows() {
        if (idleTimeoutNanos <= 0) return;
        int f;
        while ((f = index.oldest()) >= 0 && timestamp - index.lastNanos(f) > idleTimeoutNanos) {
            flows.finish(index.stream(f), true, frame, timestamp);
            index.remove(f);
        }
    }

    /** The time of the first packet, from which frame.time_relative counts. */
    long firstTimestamp() { return firstTimestamp; }

    private Row packetRow(PacketView v, long stream) {
        Row r = new Row(EngineFields.PACKETS.name());
        r.put(EngineFields.FRAME_NUMBER, v.frame);
        r.put(EngineFields.FRAME_TIME, v.timestampNanos);
        r.put(EngineFields.FRAME_TIME_RELATIVE, (v.timestampNanos - firstTimestamp) / 1e9);
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
            r.put(EngineFields.TCP_STREAM, stream);
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

    /** An anomaly of no particular flow, at the current frame. */
    private void anomaly(AnomalyDef kind, String detail) {
        if (!sink.wants(EngineFields.ANOMALY_SOURCE.name())) return;
        Row r = new Row(EngineFields.ANOMALY_SOURCE.name());
        r.put(EngineFields.FRAME_NUMBER, frame);
        r.put(EngineFields.FRAME_TIME, timestamp);
        describe(r, kind, detail);
        sink.accept(r);
    }

    static void describe(Row r, AnomalyDef kind, String detail) {
        r.put(EngineFields.ANOMALY_ID, kind.id());
        r.put(EngineFields.ANOMALY_SEVERITY, kind.severity().name().toLowerCase(java.util.Locale.ROOT));
        r.put(EngineFields.ANOMALY_DETAIL, detail);
    }

    private record UnsupportedLink(int interfaceId, int linkType) { }

    private void fragmentProblem(FragmentProblem problem, long firstFrame, String detail) {
        AnomalyDef kind = switch (problem) {
            case OVERLAP -> EngineFields.IP_FRAGMENT_OVERLAP;
            case LIMIT -> EngineFields.IP_FRAGMENT_LIMIT;
            case TIMEOUT -> EngineFields.IP_FRAGMENT_TIMEOUT;
            case TRUNCATED -> EngineFields.IP_FRAGMENT_TRUNCATED;
            case INCOMPLETE -> EngineFields.IP_FRAGMENT_INCOMPLETE;
        };
        anomaly(kind, detail + " (datagram started in frame " + firstFrame + ")");
    }

    private void drainWarnings() {
        if (warnings.isEmpty()) return;
        if (log != null) log.notReplayable("records were skipped");
        for (CaptureWarning w : warnings) anomaly(EngineFields.CAPTURE_DAMAGED, "byte offset " + w.offset() + ": " + w.message());
        warnings.clear();
    }

    /** Flushes every flow and emits the flow rows and summary anomalies. Called once, at the end. */
    public void finish() {
        drainWarnings();
        fragments.finish();
        for (int f; (f = index.oldest()) >= 0; ) {
            flows.finish(index.stream(f), false, frame, timestamp);
            index.remove(f);
        }
        for (Map.Entry<UnsupportedLink, long[]> e : unsupported.entrySet()) {
            frame = e.getValue()[1];
            long n = e.getValue()[0];
            anomaly(EngineFields.UNSUPPORTED_LINKTYPE, "interface " + e.getKey().interfaceId() + ": "
                    + LinkType.name(e.getKey().linkType()) + ": " + n + (n == 1 ? " packet" : " packets") + " not decoded");
        }
        List<FlowSummary> done = flows.end();
        if (log != null && local != null) log.finished(done);   // with workers, ParallelAnalysis has the summaries
        if (sink.wants(EngineFields.FLOWS.name())) {
            List<FlowSummary> ordered = new ArrayList<>(done);
            ordered.sort(Comparator.comparingLong(FlowSummary::stream));
            for (FlowSummary f : ordered) sink.accept(flowRow(f));
        }
    }

    /** The fields of a conversation that every row of it shares: its number and both ends (for narrowing a read). */
    public static Row flowKeys(FlowSummary f) {
        Row r = new Row(EngineFields.FLOWS.name());
        r.put(EngineFields.TCP_STREAM, f.stream());
        r.put(EngineFields.IP_ADDR, List.of(f.client().address(), f.server().address()));
        r.put(EngineFields.TCP_PORT, List.of((long) f.client().port(), (long) f.server().port()));
        return r;
    }

    /** The {@code flows} row of a conversation. */
    public static Row flowRow(FlowSummary f) {
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
        r.put(EngineFields.FLOW_PROTOCOLS, f.protocols());
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

    public long packets() { return packets; }

    /** Flows in the table now (finished ones are only a summary), for tests of bounded memory. */
    public int liveFlows() { return index.size(); }
}
