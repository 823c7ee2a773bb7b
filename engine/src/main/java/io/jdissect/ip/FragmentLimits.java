package io.jdissect.ip;

/**
 * Bounds of IP fragment reassembly. Exceeding one drops the datagram it concerns and reports it.
 *
 * @param maxDatagramBytes largest reassembled payload; 65535 is the most an IPv4 or non-jumbo IPv6 length field announces
 * @param maxHeldBytes     buffer bytes held for all datagrams in progress together
 * @param maxDatagrams     datagrams in progress at once; the oldest is evicted to make room
 * @param timeoutNanos     capture time after a datagram's first fragment at which it is given up (Linux uses 30 s)
 */
public record FragmentLimits(int maxDatagramBytes, long maxHeldBytes, int maxDatagrams, long timeoutNanos) {
    public static final FragmentLimits DEFAULTS = new FragmentLimits(65535, 8L << 20, 4096, 30_000_000_000L);

    public FragmentLimits {
        if (maxDatagramBytes < 8) throw new IllegalArgumentException("maxDatagramBytes must be at least 8: " + maxDatagramBytes);
        if (maxHeldBytes < 0) throw new IllegalArgumentException("maxHeldBytes must not be negative: " + maxHeldBytes);
        if (maxDatagrams < 1) throw new IllegalArgumentException("maxDatagrams must be at least 1: " + maxDatagrams);
        if (timeoutNanos < 0) throw new IllegalArgumentException("timeoutNanos must not be negative: " + timeoutNanos);
    }
}
