package io.jdissect.packet;

import io.jdissect.bytes.ByteView;
import io.jdissect.ip.FragmentHeader;

/**
 * The decoded headers of one packet, filled in place by {@link PacketDecoder} and reused for the next
 * packet: primitives and views over the capture bytes, no object tree. Copy what you keep.
 */
public final class PacketView implements FragmentHeader {
    public long frame;
    public long timestampNanos;
    public int linkType;
    public int capturedLength;
    public int originalLength;

    /** 4, 6, or 0 when the packet carries no IP datagram we decode. */
    public int ipVersion;
    /** Addresses as two longs each: IPv4 in {@code lo} (hi = 0), IPv6 big-endian halves. */
    public long srcHi, srcLo, dstHi, dstLo;
    public int ipProtocol;
    /** IP payload length announced by the header (may exceed what was captured). */
    public int ipPayloadLength;
    /** Length of the IP payload rebuilt from fragments when this packet completed a datagram, else -1. */
    public int reassembledLength = -1;
    /** IPv6 extension headers in order, a next-header value plus one per byte, last one lowest (the first 8); 0 when none. */
    public long ipv6Extensions;

    /** A complete TCP header was decoded. */
    public boolean isTcp;
    /** At least the TCP ports were captured (snaplen may cut the rest of the header). */
    public boolean hasPorts;
    public int srcPort, dstPort;
    public long seq, ack;
    public int tcpFlags;
    public int window;
    /** TCP payload bytes announced by the IP header (tshark's tcp.len), even when snaplen cut them. */
    public int tcpLength;
    /** The captured part of the TCP payload. */
    public ByteView payload = ByteView.EMPTY;
    /**
     * The CRC-32C of {@link #payload} as an unsigned value, or -1 when not computed. The reader thread computes it
     * while the bytes are in its cache, so the worker that remembers delivered segments by fingerprint (to compare
     * retransmissions with) does not read every payload byte once more, cold, just for that.
     */
    public long payloadCrc = -1;
    /** Where the TCP options are ({@code tcpOptionsAt} to {@code tcpOptionsEnd} of this view), read only on demand. */
    ByteView tcpOptions;
    int tcpOptionsAt, tcpOptionsEnd;

    /** Why decoding stopped early, or null. */
    public String problem;
    /** The IP header announces more bytes than the frame holds (and snaplen did not cut it): what it said, or null. */
    public String lengthProblem;
    /**
     * The layers outside the innermost IP datagram, outermost first, as tshark names them ("eth", "eth:vlan:mpls",
     * "eth:ip:udp:vxlan:eth"), or null when no IP datagram was found.
     */
    public String encap;

    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    public boolean syn() { return (tcpFlags & SYN) != 0; }
    public boolean fin() { return (tcpFlags & FIN) != 0; }
    public boolean rst() { return (tcpFlags & RST) != 0; }
    public boolean ackFlag() { return (tcpFlags & ACK) != 0; }

    // FragmentHeader: what IP reassembly reads
    @Override public long frame() { return frame; }
    @Override public long timestampNanos() { return timestampNanos; }
    @Override public long srcHi() { return srcHi; }
    @Override public long srcLo() { return srcLo; }
    @Override public long dstHi() { return dstHi; }
    @Override public long dstLo() { return dstLo; }
    @Override public int ipProtocol() { return ipProtocol; }
    @Override public void ipProtocol(int protocol) { ipProtocol = protocol; }

    /** The IPv6 extension headers as tshark's frame.protocols names them (ipv6.hopopts:ipv6.fraghdr), or null when none. */
    public String ipv6ExtensionNames() {
        if (ipv6Extensions == 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int shift = 56; shift >= 0; shift -= 8) {
            int code = (int) (ipv6Extensions >>> shift & 0xff);
            if (code == 0) continue;
            if (!sb.isEmpty()) sb.append(':');
            sb.append(switch (code - 1) {
                case 0 -> "ipv6.hopopts";
                case 43 -> "ipv6.routing";
                case 44 -> "ipv6.fraghdr";
                case 60 -> "ipv6.dstopts";
                case 51 -> "ah";
                default -> "ipv6.ext";
            });
        }
        return sb.toString();
    }

    public String srcAddress() { return Addresses.format(ipVersion, srcHi, srcLo); }
    public String dstAddress() { return Addresses.format(ipVersion, dstHi, dstLo); }

    /**
     * Whether this segment's first SACK block is a duplicate SACK (RFC 2883: a block below the cumulative ACK, bytes
     * received twice) covering sequence number {@code seq32}: how a receiver answers a keep-alive probe. The options
     * are read here, not when decoding: only a conversation waiting for such an answer asks.
     */
    public boolean duplicateSackCovers(long seq32) {
        ByteView o = tcpOptions;
        if (o == null) return false;
        for (int i = tcpOptionsAt; i < tcpOptionsEnd; ) {
            int kind = o.u8(i);
            if (kind == 0) return false;                 // end of options
            if (kind == 1) { i++; continue; }            // no-op padding
            if (i + 1 >= tcpOptionsEnd) return false;
            int len = o.u8(i + 1);
            if (len < 2 || i + len > tcpOptionsEnd) return false;
            if (kind == 5) {
                if (len < 10) return false;
                long left = o.u32be(i + 2), right = o.u32be(i + 6);
                return (int) (right - ack) <= 0 && (int) (seq32 - left) >= 0 && (int) (right - seq32) > 0;
            }
            i += len;
        }
        return false;
    }

    void reset() {
        tcpOptions = null;
        ipVersion = 0; isTcp = false; hasPorts = false; srcHi = srcLo = dstHi = dstLo = 0; ipProtocol = -1; ipPayloadLength = 0; reassembledLength = -1; ipv6Extensions = 0;
        srcPort = dstPort = 0; seq = ack = 0; tcpFlags = 0; window = 0; tcpLength = 0; payload = ByteView.EMPTY; payloadCrc = -1; problem = null; lengthProblem = null; encap = null;
    }
}
