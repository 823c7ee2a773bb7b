package io.jdissect.pipeline;

import io.jdissect.field.FieldDef;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Row;

import java.util.List;
import java.util.Set;

/**
 * The {@code packets} row of one frame. When the query names the fields it reads ({@code wanted}), only those are
 * put: a filter over millions of packets then formats no address and boxes no number it never looks at, which is
 * what makes a {@code packets} filter as cheap as a {@code flows} read.
 */
public final class PacketRows {
    private PacketRows() { }

    /** The fields a packets row can hold, in row order. */
    private static final FieldDef<?>[] FIELDS = {EngineFields.FRAME_NUMBER, EngineFields.FRAME_TIME, EngineFields.FRAME_TIME_RELATIVE,
            EngineFields.FRAME_LEN, EngineFields.FRAME_CAP_LEN, EngineFields.FRAME_LINK_TYPE, EngineFields.IP_VERSION, EngineFields.IP_SRC,
            EngineFields.IP_DST, EngineFields.IP_ADDR, EngineFields.IP_PROTO, EngineFields.IP_REASSEMBLED_LENGTH, EngineFields.TCP_SRCPORT,
            EngineFields.TCP_DSTPORT, EngineFields.TCP_PORT, EngineFields.TCP_STREAM, EngineFields.TCP_LEN, EngineFields.TCP_SEQ,
            EngineFields.TCP_ACK, EngineFields.TCP_FLAGS, EngineFields.TCP_FLAGS_VALUE, EngineFields.TCP_FLAG_FIN, EngineFields.TCP_FLAG_SYN,
            EngineFields.TCP_FLAG_RESET, EngineFields.TCP_FLAG_PUSH, EngineFields.TCP_FLAG_ACK, EngineFields.TCP_FLAG_URG, EngineFields.TCP_FLAG_ECE,
            EngineFields.TCP_FLAG_CWR, EngineFields.FRAME_ENCAP, EngineFields.FRAME_TIME_DELTA, EngineFields.IP_EXTENSIONS};

    private static final int[] BIT = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};

    /** Which of {@link #FIELDS} a wanted-set asks for; the last one is kept, as every packet of a read asks the same. */
    private record Mask(Set<String> wanted, boolean[] bits, int count) { }

    private static volatile Mask last = new Mask(null, all(), FIELDS.length);

    private static boolean[] all() {
        boolean[] b = new boolean[FIELDS.length];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static Mask mask(Set<String> wanted) {
        Mask m = last;
        if (m.wanted() == wanted) return m;
        boolean[] b = new boolean[FIELDS.length];
        int n = 0;
        for (int i = 0; i < b.length; i++) if (b[i] = wanted == null || wanted.contains(FIELDS[i].id())) n++;
        m = new Mask(wanted, b, n);
        last = m;
        return m;
    }

    /**
     * @param stream         the frame's tcp.stream (when it has ports)
     * @param firstTimestamp the capture's first time, from which frame.time_relative counts
     * @param previousTimestamp the time of the packet before (this one's for the first), from which frame.time_delta counts
     * @param wanted         the fields the query reads, or null for all
     */
    public static Row row(PacketView v, long stream, long firstTimestamp, long previousTimestamp, Set<String> wanted) {
        Mask m = mask(wanted);
        boolean[] w = m.bits();
        Row r = new Row(EngineFields.PACKETS.name(), m.count());
        if (w[0]) r.put(EngineFields.FRAME_NUMBER, v.frame);
        if (w[1]) r.put(EngineFields.FRAME_TIME, v.timestampNanos);
        if (w[2]) r.put(EngineFields.FRAME_TIME_RELATIVE, (v.timestampNanos - firstTimestamp) / 1e9);
        if (w[30]) r.put(EngineFields.FRAME_TIME_DELTA, (v.timestampNanos - previousTimestamp) / 1e9);
        if (w[3]) r.put(EngineFields.FRAME_LEN, (long) v.originalLength);
        if (w[4]) r.put(EngineFields.FRAME_CAP_LEN, (long) v.capturedLength);
        if (w[5]) r.put(EngineFields.FRAME_LINK_TYPE, (long) v.linkType);
        if (w[29] && v.encap != null) r.put(EngineFields.FRAME_ENCAP, v.encap);
        if (v.ipVersion != 0) {
            if (w[6]) r.put(EngineFields.IP_VERSION, (long) v.ipVersion);
            String src = w[7] || w[9] ? v.srcAddress() : null, dst = w[8] || w[9] ? v.dstAddress() : null;
            if (w[7]) r.put(EngineFields.IP_SRC, src);
            if (w[8]) r.put(EngineFields.IP_DST, dst);
            if (w[9]) r.put(EngineFields.IP_ADDR, List.of(src, dst));
            if (w[31] && v.ipv6Extensions != 0) r.put(EngineFields.IP_EXTENSIONS, v.ipv6ExtensionNames());
            if (w[10]) r.put(EngineFields.IP_PROTO, (long) v.ipProtocol);
            if (w[11] && v.reassembledLength >= 0) r.put(EngineFields.IP_REASSEMBLED_LENGTH, (long) v.reassembledLength);
        }
        if (v.hasPorts) {
            if (w[12]) r.put(EngineFields.TCP_SRCPORT, (long) v.srcPort);
            if (w[13]) r.put(EngineFields.TCP_DSTPORT, (long) v.dstPort);
            if (w[14]) r.put(EngineFields.TCP_PORT, List.of((long) v.srcPort, (long) v.dstPort));
            if (w[15]) r.put(EngineFields.TCP_STREAM, stream);
        }
        if (v.isTcp) {
            if (w[16]) r.put(EngineFields.TCP_LEN, (long) v.tcpLength);
            if (w[17]) r.put(EngineFields.TCP_SEQ, v.seq);
            if (w[18]) r.put(EngineFields.TCP_ACK, v.ack);
            if (w[19]) r.put(EngineFields.TCP_FLAGS, flags(v.tcpFlags));
            int f = v.tcpFlags;
            if (w[20]) r.put(EngineFields.TCP_FLAGS_VALUE, (long) f);
            for (int i = 0; i < 8; i++) {
                // FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80, in FLAGS order
                if (w[21 + i]) r.put(FIELDS[21 + i].id(), (f & BIT[i]) != 0);
            }
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
}
