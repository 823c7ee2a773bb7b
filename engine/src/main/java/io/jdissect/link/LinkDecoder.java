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
    /** 802.1Q/802.1ad tags the last Ethernet frame carried. */
    public int vlanTags;

    public int decode(int linkType, ByteView f) {
        etherType = -1;
        vlanTags = 0;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                return ethernet(f, 0);
            }
            case LinkType.NFLOG -> {
                return nflog(f);
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

    /** The Ethernet frame at {@code at} of {@code f} (also one inside a tunnel): returns where its payload starts. */
    public int ethernet(ByteView f, int at) {
        etherType = -1;
        vlanTags = 0;
        if (f.length() < at + 14) return -1;
        int off = at + 12;
        int type = f.u16be(off);
        // 802.1Q, 802.1ad and the old QinQ 0x9100 tags each add 4 bytes before the real EtherType
        for (int i = 0; i < MAX_VLAN_TAGS && (type == 0x8100 || type == 0x88a8 || type == 0x9100); i++) {
            off += 4;
            if (f.length() < off + 2) return -1;
            type = f.u16be(off);
            vlanTags++;
        }
        etherType = type;
        return off + 2;
    }

    private static final int NFULA_PAYLOAD = 9;

    /**
     * Linux NFLOG: a 4-byte header (address family, version, group) and type-length-value attributes, each padded
     * to 4 bytes, in the capturing host's byte order; the packet is the payload attribute.
     */
    private int nflog(ByteView f) {
        if (f.length() < 4) return -1;
        int family = f.u8(0);
        boolean little = true;
        // lengths are host-endian: the first attribute's length tells which end is which (it is at least 4)
        if (f.length() >= 8 && f.u16le(4) < 4 && f.u16be(4) >= 4) little = false;
        for (int at = 4; at + 4 <= f.length(); ) {
            int len = little ? f.u16le(at) : f.u16be(at);
            int type = (little ? f.u16le(at + 2) : f.u16be(at + 2)) & 0x7fff;
            if (len < 4 || at + len > f.length()) return -1;
            if (type == NFULA_PAYLOAD) {
                etherType = family == 2 ? ETHERTYPE_IPV4 : family == 10 ? ETHERTYPE_IPV6 : -1;
                if (etherType < 0 && len > 4) etherType = (f.u8(at + 4) >>> 4) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
                return etherType < 0 ? -1 : at + 4;
            }
            at += (len + 3) & ~3;
        }
        return -1;
    }
}
