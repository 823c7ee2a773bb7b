package io.jdissect.testing;

import java.nio.ByteBuffer;

/** Builds raw IPv4/IPv6 datagrams and TCP segments (link type RAW, 101), checksums left zero. */
public final class Packets {
    public static final int RAW = 101;
    public static final int SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01, RST = 0x04;

    private Packets() { }

    /** A TCP segment: 20-byte header without options, then the payload. */
    public static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0).put(payload);
        return b.array();
    }

    /** A TCP segment whose options are two no-ops and one SACK block {@code [left, right)}, then the payload. */
    public static byte[] tcpSack(int srcPort, int dstPort, long seq, long ack, int flags, long left, long right, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(32 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x80).put((byte) flags).putShort((short) 65535).putInt(0)
                .put((byte) 1).put((byte) 1).put((byte) 5).put((byte) 10).putInt((int) left).putInt((int) right)
                .put(payload);
        return b.array();
    }

    /** An IPv4 datagram (or fragment: {@code fragOffset} in bytes, a multiple of 8) carrying {@code payload}. */
    public static byte[] ipv4(String src, String dst, int id, int protocol, int fragOffset, boolean more, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) ((more ? 0x2000 : 0) | (fragOffset / 8))).put((byte) 64).put((byte) protocol)
                .putShort((short) 0).put(v4(src)).put(v4(dst)).put(payload);
        return b.array();
    }

    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, 1, protocol, 0, false, payload);
    }

    /** An IPv6 packet with a Fragment header ({@code nextHeader} names the fragment's payload). */
    public static byte[] ipv6Fragment(String src, String dst, long id, int nextHeader, int fragOffset, boolean more, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(48 + payload.length);
        b.putInt(0x60000000).putShort((short) (8 + payload.length)).put((byte) 44).put((byte) 64)
                .put(v6(src)).put(v6(dst))
                .put((byte) nextHeader).put((byte) 0).putShort((short) (fragOffset | (more ? 1 : 0))).putInt((int) id)
                .put(payload);
        return b.array();
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64)
                .put(v6(src)).put(v6(dst)).put(payload);
        return b.array();
    }

    /** Bytes {@code from..from+n-1} of a recognisable pattern. */
    public static byte[] pattern(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) ((from + i) * 31 + 7);
        return b;
    }

    public static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] v4(String a) {
        return addr(a);
    }

    private static byte[] v6(String a) {
        return addr(a);
    }

    private static byte[] addr(String a) {
        try {
            return java.net.InetAddress.getByName(a).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(a, e);
        }
    }
}
