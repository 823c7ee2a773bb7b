package io.jdissect.packet;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.RawPacket;
import io.jdissect.ip.FragmentReassembler;
import io.jdissect.link.LinkDecoder;

/** Decodes link, IP and TCP headers of a packet into a reused {@link PacketView}. Never throws on bad input. */
public final class PacketDecoder {
    public static final int PROTO_TCP = 6;

    private final LinkDecoder link = new LinkDecoder();
    private final FragmentReassembler fragments;
    private final PacketView view = new PacketView();

    public PacketDecoder(FragmentReassembler fragments) {
        this.fragments = fragments;
    }

    public PacketView decode(RawPacket p) {
        PacketView v = view;
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
            return v;
        }
        ByteView ip = f.slice(off);
        if (link.etherType == LinkDecoder.ETHERTYPE_IPV4) decodeIpv4(v, ip);
        else if (link.etherType == LinkDecoder.ETHERTYPE_IPV6) decodeIpv6(v, ip);
        else v.problem = "no IP datagram";
        return v;
    }

    private void decodeIpv4(PacketView v, ByteView ip) {
        if (ip.length() < 20 || (ip.u8(0) >>> 4) != 4) { v.problem = "truncated IPv4 header"; return; }
        int ihl = (ip.u8(0) & 0x0f) * 4;
        int total = ip.u16be(2);
        if (ihl < 20 || ip.length() < ihl) { v.problem = "bad IPv4 header length " + ihl; return; }
        if (total < ihl) total = ip.length();   // TSO-offloaded captures write 0 here
        v.ipVersion = 4;
        v.srcLo = ip.u32be(12);
        v.dstLo = ip.u32be(16);
        v.ipProtocol = ip.u8(9);
        v.ipPayloadLength = total - ihl;
        int flagsFrag = ip.u16be(6);
        boolean more = (flagsFrag & 0x2000) != 0;
        int fragOffset = (flagsFrag & 0x1fff) * 8;
        ByteView payload = ip.slice(ihl, Math.max(0, Math.min(ip.length(), total) - ihl));
        if (more || fragOffset != 0) {
            payload = fragments.ipv4(v, ip.u16be(4), fragOffset, more, payload, total - ihl);
            if (payload == null) { v.problem = "IPv4 fragment (held for reassembly)"; return; }
            v.ipPayloadLength = payload.length();
            v.reassembledLength = payload.length();
        }
        transport(v, payload);
    }

    private void decodeIpv6(PacketView v, ByteView ip) {
        if (ip.length() < 40 || (ip.u8(0) >>> 4) != 6) { v.problem = "truncated IPv6 header"; return; }
        v.ipVersion = 6;
        v.srcHi = ip.u64be(8); v.srcLo = ip.u64be(16);
        v.dstHi = ip.u64be(24); v.dstLo = ip.u64be(32);
        int plen = ip.u16be(4);
        int next = ip.u8(6);
        ByteView rest = ip.slice(40, Math.min(ip.length() - 40, plen));
        int remaining = plen;
        // walk extension headers: hop-by-hop 0, routing 43, fragment 44, destination options 60, AH 51
        for (int hops = 0; hops < 16; hops++) {
            if (next == 0 || next == 43 || next == 60 || next == 51) {
                if (rest.length() < 8) { v.problem = "truncated IPv6 extension header"; return; }
                int len = next == 51 ? (rest.u8(1) + 2) * 4 : (rest.u8(1) + 1) * 8;
                if (len > rest.length()) { v.problem = "truncated IPv6 extension header"; return; }
                next = rest.u8(0);
                rest = rest.slice(len);
                remaining -= len;
            } else if (next == 44) {
                if (rest.length() < 8) { v.problem = "truncated IPv6 fragment header"; return; }
                int nh = rest.u8(0);
                int offMf = rest.u16be(2);
                long id = rest.u32be(4);
                int fragOffset = offMf & 0xfff8;
                boolean more = (offMf & 1) != 0;
                rest = rest.slice(8);
                remaining -= 8;
                next = nh;
                if (fragOffset != 0 || more) {
                    v.ipProtocol = nh;
                    ByteView whole = fragments.ipv6(v, id, fragOffset, more, rest, Math.max(0, remaining));
                    if (whole == null) { v.problem = "IPv6 fragment (held for reassembly)"; return; }
                    rest = whole;
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
        transport(v, rest);
    }

    private void transport(PacketView v, ByteView t) {
        if (v.ipProtocol != PROTO_TCP) return;
        if (t.length() < 20) {
            // snaplen cut into the TCP header: ports may still be there (tshark still counts the conversation)
            if (t.length() >= 4) { v.srcPort = t.u16be(0); v.dstPort = t.u16be(2); v.hasPorts = true; }
            v.problem = "truncated TCP header (" + t.length() + " of at least 20 bytes captured)";
            return;
        }
        int thl = (t.u8(12) >>> 4) * 4;
        if (thl < 20) {
            v.srcPort = t.u16be(0); v.dstPort = t.u16be(2); v.hasPorts = true;
            v.problem = "bad TCP header length " + thl;
            return;
        }
        v.isTcp = true;
        v.hasPorts = true;
        v.srcPort = t.u16be(0);
        v.dstPort = t.u16be(2);
        v.seq = t.u32be(4);
        v.ack = t.u32be(8);
        v.tcpFlags = t.u8(13);
        v.window = t.u16be(14);
        v.tcpLength = Math.max(0, v.ipPayloadLength - thl);
        if (t.length() < thl) {
            v.payload = ByteView.EMPTY;
            v.problem = "truncated TCP options";
            return;
        }
        v.payload = t.slice(thl, Math.min(t.length() - thl, v.tcpLength));
    }
}
