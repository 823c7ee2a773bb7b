package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.RawPacket;
import io.jdissect.flow.FinishedFlows;
import io.jdissect.flow.FlowTable;
import io.jdissect.ip.FragmentProblem;
import io.jdissect.ip.IpFragments;
import io.jdissect.link.LinkType;
import io.jdissect.packet.PacketDecoder;
import io.jdissect.packet.PacketView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front of the pipeline: capture records in, one at a time. It decodes each packet's link, IP and TCP headers
 * (rebuilding IP fragments), numbers its conversation in the {@link FlowTable}, makes the packet's own row and
 * anomalies, and hands what concerns a conversation to the {@link ConversationPort} behind it.
 */
public final class PacketStage {
    private final RowSink sink;
    /** Delivered segments are remembered by fingerprint: each TCP payload's CRC is computed here, on the reader. */
    private final boolean fingerprints;
    private final boolean wantsPackets;
    private final boolean wantsAnomalies;
    private final java.util.Set<String> wanted;
    private final IpFragments fragments;
    private final PacketDecoder decoder;
    private final FlowTable flows;
    private final ConversationPort port;
    private final List<CaptureWarning> warnings;
    /** Interfaces whose link type is not decoded, in order of first packet: {packets, first frame}. */
    private final Map<UnsupportedLink, long[]> unsupported = new LinkedHashMap<>();
    private PacketView view = new PacketView();
    private PacketLog log;
    private KnownStreams known;   // a replay: tcp.stream comes from the index, not from numbering here
    private long firstTimestamp = Long.MIN_VALUE;
    private long frame;
    private long timestamp;
    private long previousTimestamp;
    private long packets;
    private long evictionsLogged;
    private long conversationsSeen;
    private RunWatch watch = RunWatch.NONE;

    /** @param warnings what the reader skipped; drained into anomalies at the next packet */
    public PacketStage(Config config, RowSink sink, List<CaptureWarning> warnings, ConversationPort port) {
        this.sink = sink;
        this.wantsPackets = sink.wants(EngineFields.PACKETS.name());
        this.wantsAnomalies = sink.wants(EngineFields.ANOMALY_SOURCE.name());
        this.wanted = sink.wantedFields();
        this.warnings = warnings;
        this.port = port;
        this.fragments = new IpFragments(Limits.fragments(config), this::fragmentProblem);
        this.decoder = new PacketDecoder(fragments);
        this.fingerprints = config.pref(Limits.TCP_RETRANSMISSION_CHECK) > 0;
        this.flows = new FlowTable(config.pref(Limits.TCP_MAX_FLOWS),
                config.pref(Limits.TCP_IDLE_TIMEOUT) * 1_000_000_000L, Limits.TCP_MAX_FLOWS.id());
    }

    /** Tells {@code packetLog} of every packet and its conversation (for building a capture index). */
    public PacketStage log(PacketLog packetLog) {
        this.log = packetLog;
        return this;
    }

    /** Tells {@code w} how far {@link #run} got, and stops when it says so. */
    public PacketStage watch(RunWatch w) {
        this.watch = w;
        return this;
    }

    /**
     * Reads the whole capture, or until the sink says nothing more can change its result, then {@link #finish}es.
     * On damage, everything read before it is still analysed, and the outcome carries the damage.
     */
    public Outcome run(CaptureReader reader) {
        known = reader instanceof KnownStreams k ? k : null;
        CaptureException damage = null;
        try {
            RawPacket p;
            while ((p = reader.next()) != null) {
                packet(p);
                if ((packets & (RunWatch.EVERY - 1)) == 0) {
                    watch.progress(p.fileOffset() + p.recordLength(), packets, conversationsSeen);
                    if (watch.cancelled()) throw new java.util.concurrent.CancellationException("cancelled after " + packets + " packets");
                    if (sink.done()) break;
                }
            }
        } catch (CaptureException e) {
            anomaly(EngineFields.CAPTURE_DAMAGED, e.getMessage());
            damage = e;
        }
        return new Outcome(finish(), damage);
    }

    public void packet(RawPacket p) {
        packets++;
        frame = p.number();
        if (known != null) previousTimestamp = known.previousTimestamp();
        else previousTimestamp = firstTimestamp == Long.MIN_VALUE ? p.timestampNanos() : timestamp;
        timestamp = p.timestampNanos();
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = timestamp;
            port.firstPacket(timestamp);
        }
        drainWarnings();
        if (!LinkType.supported(p.linkType())) {
            unsupported.computeIfAbsent(new UnsupportedLink(p.interfaceId(), p.linkType()), k -> new long[]{0, frame})[0]++;
        }
        fragments.expire(timestamp);
        flows.expire(timestamp, port);
        PacketView v = decoder.decode(p, view);
        if (log != null && v.reassembledLength >= 0) log.notReplayable("IP fragments were reassembled");
        long stream = -1;
        boolean opens = false;
        if (v.hasPorts) {
            stream = flows.assign(v, known == null ? -1 : known.stream(), port);
            opens = flows.opened();
            if (opens) conversationsSeen++;
            if (log != null && flows.evictions() > evictionsLogged) {
                evictionsLogged = flows.evictions();
                log.notReplayable("the flow table was full (" + Limits.TCP_MAX_FLOWS + ")");
            }
        }
        if (v.lengthProblem != null && wantsAnomalies) {
            sink.accept(EngineRows.anomalyRow(EngineFields.LENGTH_EXCEEDS_FRAME, v.lengthProblem, frame, timestamp, stream));
        }
        if (log != null) log.packet(p, stream);
        if (wantsPackets) sink.accept(PacketRows.row(v, stream, firstTimestamp, previousTimestamp, wanted));
        if (stream >= 0) {
            if (fingerprints && v.isTcp && !v.payload.isEmpty()) v.payloadCrc = v.payload.crc32c() & 0xffffffffL;
            view = port.packet(v, stream, opens);
        }
    }

    /** An anomaly of no particular flow, at the current frame. */
    private void anomaly(AnomalyDef kind, String detail) {
        if (wantsAnomalies) sink.accept(EngineRows.anomalyRow(kind, detail, frame, timestamp, -1));
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

    /** Ends every conversation and says what was not decoded; returns the conversations' summaries. Called once. */
    public FinishedFlows finish() {
        drainWarnings();
        fragments.finish();
        flows.finishAll(frame, timestamp, port);
        decoder.notDecoded().forEach((what, first) -> {
            frame = first;
            anomaly(EngineFields.NOT_DECODED, what);
        });
        for (Map.Entry<UnsupportedLink, long[]> e : unsupported.entrySet()) {
            frame = e.getValue()[1];
            long n = e.getValue()[0];
            anomaly(EngineFields.UNSUPPORTED_LINKTYPE, "interface " + e.getKey().interfaceId() + ": "
                    + LinkType.name(e.getKey().linkType()) + ": " + n + (n == 1 ? " packet" : " packets") + " not decoded");
        }
        return port.end();
    }

    public long packets() { return packets; }

    /** Flows in the table now (finished ones are only a summary), for tests of bounded memory. */
    public int liveFlows() { return flows.size(); }
}
