package io.jdissect.packet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Packets whose layers were not understood, counted by kind (an EtherType, a PPP or GRE protocol, ...), so that
 * each kind is said once with its count instead of silently passed over.
 */
public final class NotDecoded {
    static final int ETHERTYPE = 1, PPP_PROTOCOL = 2, GRE_PROTOCOL = 3, MPLS_PAYLOAD = 4, GENEVE_PROTOCOL = 5, TRUNCATED = 6;

    /** {packets, first frame} by kind << 32 | value, in order of first packet. */
    private final Map<Long, long[]> counts = new LinkedHashMap<>();

    void count(int kind, int value, long frame) {
        if (kind == ETHERTYPE && value < 0x0600) value = 0;   // an 802.3 length, not a type: all LLC frames are one kind
        counts.computeIfAbsent((long) kind << 32 | (value & 0xffffffffL), k -> new long[]{0, frame})[0]++;
    }

    /** Each kind seen: its description with the count, and the first frame it was seen in. */
    public void forEach(BiConsumer<String, Long> kindAndFirstFrame) {
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            int kind = (int) (e.getKey() >>> 32);
            int value = (int) (long) e.getKey();
            long n = e.getValue()[0];
            kindAndFirstFrame.accept(describe(kind, value) + ": " + n + (n == 1 ? " packet" : " packets") + " not decoded", e.getValue()[1]);
        }
    }

    private static String describe(int kind, int value) {
        return switch (kind) {
            case ETHERTYPE -> value == 0 ? "802.3 frames (LLC)" : String.format("EtherType 0x%04x%s", value, etherTypeName(value));
            case PPP_PROTOCOL -> String.format("PPP protocol 0x%04x", value);
            case GRE_PROTOCOL -> String.format("GRE protocol 0x%04x (or a GRE version other than 0)", value);
            case MPLS_PAYLOAD -> value < 0 ? "MPLS label stack without a bottom label" : "MPLS payload starting with nibble " + value;
            case GENEVE_PROTOCOL -> String.format("Geneve protocol 0x%04x", value);
            default -> String.format("header cut short (0x%04x)", value);
        };
    }

    private static String etherTypeName(int type) {
        return switch (type) {
            case 0x0806 -> " (ARP)";
            case 0x8035 -> " (RARP)";
            case 0x88cc -> " (LLDP)";
            case 0x8863 -> " (PPPoE discovery)";
            case 0x888e -> " (802.1X)";
            case 0x88e5 -> " (MACsec)";
            case 0x8809 -> " (slow protocols, LACP)";
            case 0x9000 -> " (loopback)";
            default -> "";
        };
    }
}
