package io.jdissect.link;

import io.jdissect.bytes.ByteView;

/**
 * Finds the network-layer datagram inside a link-layer frame. Returns the offset of the IP header and
 * stores the EtherType in {@link #etherType}, or returns -1 when the frame carries nothing we decode.
 */
public final class LinkDecoder {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int MAX_VLAN_TAGS = 4;

    /** EtherType of the datagram found by the last call, or -1. */
    public int etherType;

    public int decode(int linkType, ByteView f) {
        etherType = -1;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                if (f.length() < 14) return -1;
                int off = 12;
                int type = f.u16be(off);
                // 802.1Q, 802.1ad and the old QinQ 0x9100 tags each add 4 bytes before the real EtherType
                for (int i = 0; i < MAX_VLAN_TAGS && (type == 0x8100 || type == 0x88a8 || type == 0x9100); i++) {
                    off += 4;
                    if (f.length() < off + 2) return -1;
                    type = f.u16be(off);
                }
                etherType = type;
                return off + 2;
            }
            case LinkType.LINUX_SLL -> {
                if (f.length() < 16) return -1;
                etherType = f.u16be(14);
                return 16;
            }
            case LinkType.LINUX_SLL2 -> {
                if (f.length() < 20) return -1;
                etherType = f.u16be(0);
                return 20;
            }
            case LinkType.NULL, LinkType.LOOP -> {
                if (f.length() < 4) return -1;
                // NULL stores the address family in the writer's byte order; LOOP always big-endian
                long fam = linkType == LinkType.LOOP ? f.u32be(0) : f.u32le(0);
                if (fam > 0xffff) fam = f.u32be(0);
                if (fam == 2) etherType = ETHERTYPE_IPV4;
                else if (fam == 10 || fam == 24 || fam == 28 || fam == 30) etherType = ETHERTYPE_IPV6;
                return etherType < 0 ? -1 : 4;
            }
            case LinkType.RAW, LinkType.RAW_OPENBSD, LinkType.RAW_BSDOS, LinkType.IPV4, LinkType.IPV6 -> {
                if (f.length() < 1) return -1;
                int v = f.u8(0) >>> 4;
                etherType = v == 4 ? ETHERTYPE_IPV4 : v == 6 ? ETHERTYPE_IPV6 : -1;
                return etherType < 0 ? -1 : 0;
            }
            default -> {
                return -1;
            }
        }
    }
}
