package io.jdissect.packet;

import io.jdissect.bytes.ByteView;
import io.jdissect.link.LinkDecoder;

/**
 * The headers between a link layer and an IP datagram, and those that carry a datagram inside another one: MPLS
 * label stacks, PPPoE sessions, transparent Ethernet bridging, GRE (with ERSPAN), VXLAN and Geneve. Each step
 * reads one header at {@link #at} of {@link #buf} and leaves the next layer's EtherType in {@link #type}, or
 * says it does not understand what it found ({@link #unknown}). One per decoder, reused for every packet.
 */
final class Layers {
    static final int ETHERTYPE_MPLS = 0x8847, ETHERTYPE_MPLS_MULTICAST = 0x8848, ETHERTYPE_PPPOE_SESSION = 0x8864;
    static final int ETHERTYPE_TEB = 0x6558, ETHERTYPE_ERSPAN_2 = 0x88be, ETHERTYPE_ERSPAN_3 = 0x22eb;
    static final int PROTO_IPIP = 4, PROTO_IPV6 = 41, PROTO_GRE = 47, PROTO_UDP = 17;
    static final int PORT_VXLAN = 4789, PORT_GENEVE = 6081;
    private static final int MAX_MPLS_LABELS = 16;

    private final LinkDecoder link;
    ByteView buf;
    int at;
    int type;
    /** What was not understood: a {@link NotDecoded} kind and the value found, set when a step returns false. */
    int unknownKind;
    int unknownValue;
    private final StringBuilder names = new StringBuilder();

    Layers(LinkDecoder link) { this.link = link; }

    void start(ByteView b, int offset, int etherType, String linkName, int vlanTags) {
        buf = b;
        at = offset;
        type = etherType;
        names.setLength(0);
        names.append(linkName);
        for (int i = 0; i < vlanTags; i++) names.append(":vlan");
        tunnelled = vlanTags > 0;
    }

    /** frame.encap: every layer outside the innermost IP datagram, outermost first. */
    String names() { return names.toString(); }

    /** Whether the packet went through more than its link layer to reach its IP datagram (else frame.encap is a constant). */
    boolean tunnelled;

    private boolean unknown(int kind, int value) {
        unknownKind = kind;
        unknownValue = value;
        return false;
    }

    /** Steps over the non-IP header of EtherType {@link #type}; false when it is not one of those understood. */
    boolean step() {
        tunnelled = true;
        return switch (type) {
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls();
            case ETHERTYPE_PPPOE_SESSION -> pppoe();
            case ETHERTYPE_TEB -> ethernet("eth");
            default -> unknown(NotDecoded.ETHERTYPE, type);
        };
    }

    private boolean mpls() {
        names.append(":mpls");
        for (int i = 0; i < MAX_MPLS_LABELS; i++) {
            if (buf.length() < at + 4) return unknown(NotDecoded.TRUNCATED, ETHERTYPE_MPLS);
            boolean bottom = (buf.u8(at + 2) & 1) != 0;
            at += 4;
            if (bottom) {
                if (buf.length() <= at) return unknown(NotDecoded.TRUNCATED, ETHERTYPE_MPLS);
                // no protocol field: the payload's first nibble says IPv4 or IPv6; 0 is a pseudowire control word
                switch (buf.u8(at) >>> 4) {
                    case 4 -> type = LinkDecoder.ETHERTYPE_IPV4;
                    case 6 -> type = LinkDecoder.ETHERTYPE_IPV6;
                    case 0 -> {
                        at += 4;
                        names.append(":pwethcw");
                        return ethernet("eth");
                    }
                    default -> { return unknown(NotDecoded.MPLS_PAYLOAD, buf.u8(at) >>> 4); }
                }
                return true;
            }
        }
        return unknown(NotDecoded.MPLS_PAYLOAD, -1);
    }

    private boolean pppoe() {
        names.append(":pppoes:ppp");
        if (buf.length() < at + 8) return unknown(NotDecoded.TRUNCATED, ETHERTYPE_PPPOE_SESSION);
        int proto = buf.u16be(at + 6);
        at += 8;
        return ppp(proto);
    }

    private boolean ppp(int proto) {
        switch (proto) {
            case 0x0021 -> type = LinkDecoder.ETHERTYPE_IPV4;
            case 0x0057 -> type = LinkDecoder.ETHERTYPE_IPV6;
            default -> { return unknown(NotDecoded.PPP_PROTOCOL, proto); }
        }
        return true;
    }

    private boolean ethernet(String name) {
        names.append(':').append(name);
        int payload = link.ethernet(buf, at);
        if (payload < 0) return unknown(NotDecoded.TRUNCATED, ETHERTYPE_TEB);
        for (int i = 0; i < link.vlanTags; i++) names.append(":vlan");
        at = payload;
        type = link.etherType;
        return true;
    }

    /**
     * Whether IP protocol {@code proto} (or UDP to a tunnel port) carries another datagram; if so, steps over the
     * tunnel's header at {@code offset} ({@code length} captured bytes) and returns true with the inner layer's
     * EtherType in {@link #type}. {@code outer} is "ip" or "ipv6".
     */
    boolean tunnel(String outer, int proto, ByteView b, int offset, int length) {
        switch (proto) {
            case PROTO_IPIP, PROTO_IPV6 -> {
                names.append(':').append(outer);
                buf = b;
                at = offset;
                type = proto == PROTO_IPIP ? LinkDecoder.ETHERTYPE_IPV4 : LinkDecoder.ETHERTYPE_IPV6;
                tunnelled = true;
                return true;
            }
            case PROTO_GRE -> {
                names.append(':').append(outer);
                buf = b.slice(offset, length);
                at = 0;
                tunnelled = true;
                return gre() || unknownReturnsTrue();
            }
            case PROTO_UDP -> {
                if (length < 8) return false;
                int dst = b.u16be(offset + 2), src = b.u16be(offset);
                boolean vxlan = dst == PORT_VXLAN || src == PORT_VXLAN, geneve = dst == PORT_GENEVE || src == PORT_GENEVE;
                if (!vxlan && !geneve) return false;
                names.append(':').append(outer).append(":udp");
                buf = b.slice(offset + 8, length - 8);
                at = 0;
                tunnelled = true;
                return (vxlan ? vxlan() : geneve()) || unknownReturnsTrue();
            }
            default -> {
                return false;
            }
        }
    }

    /** A tunnel was found but not understood: still a step taken, ending in {@link #unknownKind}. */
    private boolean unknownReturnsTrue() {
        type = -1;
        return true;
    }

    private boolean gre() {
        names.append(":gre");
        if (buf.length() < 4) return unknown(NotDecoded.TRUNCATED, PROTO_GRE);
        int flags = buf.u16be(0);
        int proto = buf.u16be(2);
        if ((flags & 7) != 0) return unknown(NotDecoded.GRE_PROTOCOL, proto);   // version 1 is PPTP's enhanced GRE
        int off = 4;
        if ((flags & 0x8000) != 0) off += 4;   // checksum and reserved
        if ((flags & 0x2000) != 0) off += 4;   // key
        boolean sequence = (flags & 0x1000) != 0;
        if (sequence) off += 4;
        at = off;
        switch (proto) {
            case LinkDecoder.ETHERTYPE_IPV4, LinkDecoder.ETHERTYPE_IPV6 -> type = proto;
            case ETHERTYPE_TEB -> { return ethernet("eth"); }
            case ETHERTYPE_ERSPAN_2 -> {
                // type II has an 8-byte header and a sequence number; type I (no sequence number) has none
                names.append(":erspan");
                if (sequence) at += 8;
                return ethernet("eth");
            }
            case ETHERTYPE_ERSPAN_3 -> {
                names.append(":erspan");
                if (buf.length() < at + 12) return unknown(NotDecoded.TRUNCATED, ETHERTYPE_ERSPAN_3);
                boolean platform = (buf.u8(at + 11) & 1) != 0;   // the optional platform-specific subheader
                at += platform ? 20 : 12;
                return ethernet("eth");
            }
            default -> { return unknown(NotDecoded.GRE_PROTOCOL, proto); }
        }
        return true;
    }

    private boolean vxlan() {
        names.append(":vxlan");
        if (buf.length() < 8) return unknown(NotDecoded.TRUNCATED, PORT_VXLAN);
        at = 8;
        return ethernet("eth");
    }

    private boolean geneve() {
        names.append(":geneve");
        if (buf.length() < 8) return unknown(NotDecoded.TRUNCATED, PORT_GENEVE);
        int options = (buf.u8(0) & 0x3f) * 4;
        int proto = buf.u16be(2);
        at = 8 + options;
        switch (proto) {
            case ETHERTYPE_TEB -> { return ethernet("eth"); }
            case LinkDecoder.ETHERTYPE_IPV4, LinkDecoder.ETHERTYPE_IPV6 -> type = proto;
            default -> { return unknown(NotDecoded.GENEVE_PROTOCOL, proto); }
        }
        return true;
    }
}
