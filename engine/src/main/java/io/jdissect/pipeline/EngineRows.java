package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.flow.Flow;
import io.jdissect.flow.FlowSummary;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Row;

import java.util.List;
import java.util.Locale;

/**
 * Every row the engine itself makes, in one place: packets, flows (and the flow keys a narrowed read is checked
 * against), anomalies, and the fields every dissector row of a conversation starts with. The pipeline, the capture
 * index and the API all build them here, so a field is filled the same way wherever a row comes from.
 */
public final class EngineRows {
    /** The fields {@link #conversationRow} fills, in order; which of them are wanted is decided once per analysis. */
    private static final List<FieldDef> CONVERSATION_FIELDS = List.of(EngineFields.FRAME_NUMBER, EngineFields.FRAME_TIME,
            EngineFields.FRAME_TIME_RELATIVE, EngineFields.TCP_STREAM, EngineFields.IP_SRC, EngineFields.IP_DST,
            EngineFields.TCP_SRCPORT, EngineFields.TCP_DSTPORT, EngineFields.TCP_PORT, EngineFields.DIRECTION);

    private final boolean[] wanted;

    /** Rows for {@code sink}: dissector rows carry only the conversation fields it wants. */
    public EngineRows(RowSink sink) {
        wanted = new boolean[CONVERSATION_FIELDS.size()];
        for (int i = 0; i < wanted.length; i++) wanted[i] = sink.wantsField(CONVERSATION_FIELDS.get(i).id());
    }

    /**
     * A row of {@code source} for conversation {@code flow} in direction {@code d} (0 from the client), carrying
     * the packet and endpoint fields wanted.
     *
     * @param firstTimestamp the capture's first packet time, from which frame.time_relative counts
     */
    public Row conversationRow(String source, Flow flow, int d, long frame, long timestampNanos, long firstTimestamp) {
        Row r = new Row(source);
        boolean[] w = wanted;
        if (w[0]) r.put(EngineFields.FRAME_NUMBER, frame);
        if (w[1]) r.put(EngineFields.FRAME_TIME, timestampNanos);
        if (w[2]) r.put(EngineFields.FRAME_TIME_RELATIVE, (timestampNanos - firstTimestamp) / 1e9);
        if (w[3]) r.put(EngineFields.TCP_STREAM, flow.stream);
        boolean c2s = d == 0;
        if (w[4]) r.put(EngineFields.IP_SRC, c2s ? flow.clientAddress() : flow.serverAddress());
        if (w[5]) r.put(EngineFields.IP_DST, c2s ? flow.serverAddress() : flow.clientAddress());
        if (w[6]) r.put(EngineFields.TCP_SRCPORT, c2s ? flow.clientPort() : flow.serverPort());
        if (w[7]) r.put(EngineFields.TCP_DSTPORT, c2s ? flow.serverPort() : flow.clientPort());
        if (w[8]) r.put(EngineFields.TCP_PORT, flow.ports(d));
        if (w[9]) r.put(EngineFields.DIRECTION, c2s ? "c2s" : "s2c");
        return r;
    }

    /** The {@code packets} row of one packet; {@code stream} is -1 for a packet of no conversation. */
    public static Row packetRow(PacketView v, long stream, long firstTimestamp) {
        Row r = new Row(EngineFields.PACKETS.name());
        r.put(EngineFields.FRAME_NUMBER, v.frame);
        r.put(EngineFields.FRAME_TIME, v.timestampNanos);
        r.put(EngineFields.FRAME_TIME_RELATIVE, (v.timestampNanos - firstTimestamp) / 1e9);
        r.put(EngineFields.FRAME_LEN, (long) v.originalLength);
        r.put(EngineFields.FRAME_CAP_LEN, (long) v.capturedLength);
        r.put(EngineFields.FRAME_LINK_TYPE, (long) v.linkType);
        if (v.encap != null) r.put(EngineFields.FRAME_ENCAP, v.encap);
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

    /** An anomaly the packet stage sees at packet {@code frame}, of conversation {@code stream} (-1: none). */
    public static Row anomalyRow(AnomalyDef kind, String detail, long frame, long timestampNanos, long stream) {
        Row r = new Row(EngineFields.ANOMALY_SOURCE.name());
        r.put(EngineFields.FRAME_NUMBER, frame);
        r.put(EngineFields.FRAME_TIME, timestampNanos);
        if (stream >= 0) r.put(EngineFields.TCP_STREAM, stream);
        return describe(r, kind, detail);
    }

    /** Fills the anomaly fields of {@code r} (a conversation's anomaly row already has its packet fields). */
    public static Row describe(Row r, AnomalyDef kind, String detail) {
        r.put(EngineFields.ANOMALY_ID, kind.id());
        r.put(EngineFields.ANOMALY_SEVERITY, kind.severity().name().toLowerCase(Locale.ROOT));
        r.put(EngineFields.ANOMALY_DETAIL, detail);
        return r;
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

    /** The one row saying that rows were not kept, at the first one dropped; its detail is set when the count is known. */
    public static Row rowsNotKept(Object frame) {
        Row r = new Row(EngineFields.ANOMALY_SOURCE.name());
        r.put(EngineFields.FRAME_NUMBER, frame);
        return describe(r, EngineFields.ROWS_NOT_KEPT, "rows were not kept");
    }
}
