package io.jdissect.ip;

/**
 * What reassembly reads of the IP header a fragment came with: the datagram's identity and the packet it arrived
 * in. The packet decoder's view implements it, so no header object is built per fragment.
 */
public interface FragmentHeader {
    long frame();

    long timestampNanos();

    /** Addresses as two longs each: IPv4 in {@code lo} (hi = 0), IPv6 big-endian halves. */
    long srcHi();

    long srcLo();

    long dstHi();

    long dstLo();

    /** The IPv4 protocol, or this IPv6 fragment's Next Header. */
    int ipProtocol();

    /** On completing an IPv6 datagram: the offset-0 fragment's Next Header, the only one RFC 8200 says to use. */
    void ipProtocol(int protocol);
}
