package io.jdissect.packet;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.RawPacket;
import io.jdissect.ip.FragmentReassembler;
import io.jdissect.link.LinkDecoder;
import io.jdissect.link.LinkType;

/** Decodes link, IP and TCP headers of a packet into a reused {@link PacketView}. Never throws on bad input. */
public final class PacketDecoder {
    public static final int PROTO_TCP = 6;
    /** Layers of encapsulation followed at most (a tunnel in a tunnel in ...), so no packet can loop the decoder. */
    private static final int MAX_LAYERS = 8;

    private final LinkDecoder link = new LinkDecoder();
    private final Layers layers = new Layers(link);
    private final NotDecoded notDecoded = new NotDecoded();
    private final FragmentReassembler fragments;
    private final PacketView view = new PacketView();
    /** Set by the IP layer when its payload is another datagram (a tunnel): {@link #layers} then holds the inner one. */
    private boolean inner;

    public PacketDecoder(FragmentReassembler fragments) {
        this.fragments = fragments;
    }

    /** Decodes into the decoder's own view, valid until the next call. */
    public PacketView decode(RawPacket p) {
        return decode(p, view);
    }

    /** Packets whose layers were not understood, by kind. */
    public NotDecoded notDecoded() { return notDecoded; }

    /** Decodes into {@code v} (a caller that hands views to other threads keeps one per packet in flight). */
    public PacketView decode(RawPacket p, PacketView v) {
        v.reset();
        v.frame = p.number();
        v.timestampNanos = p.timestampNanos();
        v.linkType = p.linkType();
        v.capturedLength = p.data().length();
        v.originalLength = p.originalLength();
        ByteView f = p.data();
        int off = link.decode(p.linkType(), f);
        if (off < 0) {
            v.problem = "no IP datagram";
            if (link.etherType >= 0) notDecoded.count(NotDecoded.ETHERTYPE, link.etherType, v.frame);
            return v;
        }
        Layers l = layers;
        l.start(f, off, link.etherType, LinkType.layer(p.linkType()), link.vlanTags);
        for (int depth = 0; depth < MAX_LAYERS; depth++) {
            inner = false;
            // headers are read at offsets in the one captured view: the only view made is the TCP payload's
            if (l.type == LinkDecoder.ETHERTYPE_IPV4) decodeIpv4(v, l.buf, l.at);
            else if (l.type == LinkDecoder.ETHERTYPE_IPV6) decodeIpv6(v, l.buf, l.at);
            else if (!l.step()) {
                notDecoded.count(l.unknownKind, l.unknownValue, v.frame);
                v.problem = "no IP datagram";
                v.encap = l.encap();
                return v;
            } else {
                continue;
            }
            if (!inner) {
                v.encap = l.encap();
                return v;
            }
            if (l.type < 0) {   // a tunnel whose header was not understood
                notDecoded.count(l.unknownKind, l.unknownValue, v.frame);
                v.encap = l.encap();
                return v;
            }
        }
        v.problem = "more than " + MAX_LAYERS + " layers of encapsulation";
        v.encap = l.encap();
        return v;
    }

    /** The IPv4 datagram starting at {@code at} of {@code f} (which ends where the capture does). */
    private void decodeIpv4(PacketView v, ByteView f, int at) {
        int captured = f.length() - at;
        if (captured < 20 || (f.u8(at) >>> 4) != 4) { v.problem = "truncated IPv4 header"; return; }
        int ihl = (f.u8(at) & 0x0f) * 4;
        int total = f.u16be(at + 2);
        if (ihl < 20 || captured < ihl) { v.problem = "bad IPv4 header length " + ihl; return; }
        if (total < ihl) total = captured;   // TSO-offloaded captures write 0 here
        if (total > captured && v.originalLength <= v.capturedLength) {
            // not snaplen: the frame itself is shorter. Bytes that were never on the wire are not counted (as tshark)
            v.lengthProblem = "IPv4 total length " + total + " exceeds the " + captured + " bytes the frame holds";
            total = captured;
        }
        v.ipVersion = 4;
        v.srcHi = v.dstHi = 0;   // an IPv4 datagram inside IPv6 replaces the outer addresses
        v.srcLo = f.u32be(at + 12);
        v.dstLo = f.u32be(at + 16);
        v.ipProtocol = f.u8(at + 9);
        v.ipPayloadLength = total - ihl;
        int flagsFrag = f.u16be(at + 6);
        boolean more = (flagsFrag & 0x2000) != 0;
        int fragOffset = (flagsFrag & 0x1fff) * 8;
        int payloadLength = Math.max(0, Math.min(captured, total) - ihl);
        if (more || fragOffset != 0) {
            ByteView whole = fragments.ipv4(v, f.u16be(at + 4), fragOffset, more, f.slice(at + ihl, payloadLength), total - ihl);
            if (whole == null) { v.problem = "IPv4 fragment (held for reassembly)"; return; }
            v.ipPayloadLength = whole.length();
            v.reassembledLength = whole.length();
            transport(v, whole, 0, whole.length());
            return;
        }
        transport(v, f, at + ihl, payloadLength);
    }

    /** The IPv6 datagram starting at {@code at} of {@code f}. */
    private void decodeIpv6(PacketView v, ByteView f, int at) {
        if (f.length() - at < 40 || (f.u8(at) >>> 4) != 6) { v.problem = "truncated IPv6 header"; return; }
        v.ipVersion = 6;
        v.srcHi = f.u64be(at + 8); v.srcLo = f.u64be(at + 16);
        v.dstHi = f.u64be(at + 24); v.dstLo = f.u64be(at + 32);
        int plen = f.u16be(at + 4);
        if (plen > f.length() - at - 40 && v.originalLength <= v.capturedLength) {
            v.lengthProblem = "IPv6 payload length " + plen + " exceeds the " + (f.length() - at - 40) + " bytes the frame holds";
            plen = f.length() - at - 40;
        }
        int next = f.u8(at + 6);
        ByteView buf = f;
        int pos = at + 40;                                   // where the next header starts in buf
        int end = at + 40 + Math.min(f.length() - at - 40, plen);   // where the captured datagram ends in buf
        int remaining = plen;
        // walk extension headers: hop-by-hop 0, routing 43, fragment 44, destination options 60, AH 51
        for (int hops = 0; hops < 16; hops++) {
            if (hops < 8 && (next == 0 || next == 43 || next == 60 || next == 51 || next == 44)) v.ipv6Extensions = v.ipv6Extensions << 8 | (next + 1);
            if (next == 0 || next == 43 || next == 60 || next == 51) {
                if (end - pos < 8) { v.problem = "truncated IPv6 extension header"; return; }
                int len = next == 51 ? (buf.u8(pos + 1) + 2) * 4 : (buf.u8(pos + 1) + 1) * 8;
                if (len > end - pos) { v.problem = "truncated IPv6 extension header"; return; }
                next = buf.u8(pos);
                pos += len;
                remaining -= len;
            } else if (next == 44) {
                if (end - pos < 8) { v.problem = "truncated IPv6 fragment header"; return; }
                int nh = buf.u8(pos);
                int offMf = buf.u16be(pos + 2);
                long id = buf.u32be(pos + 4);
                int fragOffset = offMf & 0xfff8;
                boolean more = (offMf & 1) != 0;
                pos += 8;
                remaining -= 8;
                next = nh;
                if (fragOffset != 0 || more) {
                    v.ipProtocol = nh;
                    ByteView whole = fragments.ipv6(v, id, fragOffset, more, buf.slice(pos, end - pos), Math.max(0, remaining));
                    if (whole == null) { v.problem = "IPv6 fragment (held for reassembly)"; return; }
                    buf = whole;
                    pos = 0;
                    end = whole.length();
                    remaining = whole.length();
                    next = v.ipProtocol;
                    v.reassembledLength = whole.length();
                }
                // an atomic fragment (offset 0, M=0) is a whole datagram
            } else {
                break;
            }
        }
        v.ipProtocol = next;
        v.ipPayloadLength = Math.max(0, remaining);
        transport(v, buf, pos, end - pos);
    }

    /** The TCP segment of {@code len} captured bytes at {@code at} of {@code t}, or the datagram a tunnel carries. */
    private void transport(PacketView v, ByteView t, int at, int len) {
        if (v.ipProtocol != PROTO_TCP) {
            if (layers.tunnel(v.ipVersion == 4 ? "ip" : "ipv6", v.ipProtocol, t, at, len)) inner = true;
            return;
        }
        if (len < 20) {
            // snaplen cut into the TCP header: ports may still be there (tshark still counts the conversation)
            if (len >= 4) { v.srcPort = t.u16be(at); v.dstPort = t.u16be(at + 2); v.hasPorts = true; }
            v.problem = "truncated TCP header (" + len + " of at least 20 bytes captured)";
            return;
        }
        int thl = (t.u8(at + 12) >>> 4) * 4;
        if (thl < 20) {
            v.srcPort = t.u16be(at); v.dstPort = t.u16be(at + 2); v.hasPorts = true;
            v.problem = "bad TCP header length " + thl;
            return;
        }
        v.isTcp = true;
        v.hasPorts = true;
        v.srcPort = t.u16be(at);
        v.dstPort = t.u16be(at + 2);
        v.seq = t.u32be(at + 4);
        v.ack = t.u32be(at + 8);
        v.tcpFlags = t.u8(at + 13);
        v.window = t.u16be(at + 14);
        v.tcpLength = Math.max(0, v.ipPayloadLength - thl);
        if (len < thl) {
            v.payload = ByteView.EMPTY;
            v.problem = "truncated TCP options";
            return;
        }
        if (thl > 20) {
            v.tcpOptions = t;
            v.tcpOptionsAt = at + 20;
            v.tcpOptionsEnd = at + thl;
        }
        int n = Math.min(len - thl, v.tcpLength);
        v.payload = n == 0 ? ByteView.EMPTY : t.slice(at + thl, n);
    }
}
