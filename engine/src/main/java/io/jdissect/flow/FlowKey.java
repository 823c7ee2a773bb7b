package io.jdissect.flow;

import io.jdissect.packet.PacketView;

/** A conversation's endpoints in canonical order (lower endpoint first), so both directions find one flow. */
public record FlowKey(int version, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    public static FlowKey of(PacketView v) {
        int c = compare(v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort);
        return c <= 0
                ? new FlowKey(v.ipVersion, v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort)
                : new FlowKey(v.ipVersion, v.dstHi, v.dstLo, v.dstPort, v.srcHi, v.srcLo, v.srcPort);
    }

    private static int compare(long hi1, long lo1, int p1, long hi2, long lo2, int p2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c != 0) return c;
        c = Long.compareUnsigned(lo1, lo2);
        return c != 0 ? c : Integer.compare(p1, p2);
    }
}
