package io.jdissect.ip;

/**
 * Identifies one fragmented datagram: addresses, identification and (IPv4 only) protocol. IPv6 leaves the
 * protocol out because RFC 8200 lets the Next Header of non-first fragments differ; it uses -1.
 */
record FragmentKey(int version, long srcHi, long srcLo, long dstHi, long dstLo, long id, int protocol) { }
