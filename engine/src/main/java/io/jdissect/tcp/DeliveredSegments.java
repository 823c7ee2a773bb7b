package io.jdissect.tcp;

import io.jdissect.bytes.ByteView;

/**
 * Fingerprints (stream position, length, CRC-32C) of the last segments a direction delivered, so a retransmission
 * of them can be checked against what was delivered without keeping the bytes: a copy that differs is an overlap
 * conflict (the first copy was delivered and stays, as in tshark and Zeek). A retransmission is compared segment
 * by segment where it covers whole delivered segments (as resent and coalesced segments do); parts of a segment,
 * and segments older than the last {@code max}, are not compared. Entries are two longs each, in a ring that grows
 * from two entries to {@code max}: a direction that delivers one segment costs 48 bytes.
 */
final class DeliveredSegments {
    private static final int FIRST_CAPACITY = 2;

    private final int max;
    /** Entry i: {@code [2i]} stream position, {@code [2i+1]} length in the high int, CRC-32C in the low int. */
    private long[] ring;
    private int start, size;

    /** @param max segments remembered (0: none, nothing is compared) */
    DeliveredSegments(int max) { this.max = max; }

    /**
     * {@code length} bytes (all of the segment: a segment cut by snaplen is not remembered) whose CRC-32C is
     * {@code crc} were delivered at {@code pos}.
     */
    void delivered(long pos, int length, int crc) {
        if (max == 0 || length == 0) return;
        if (ring == null) ring = new long[2 * Math.min(FIRST_CAPACITY, max)];
        int capacity = ring.length / 2;
        if (size == capacity && capacity < max) grow(Math.min(max, capacity * 2));
        capacity = ring.length / 2;
        int slot;
        if (size < capacity) slot = (start + size++) % capacity;
        else {                                  // full at its largest: the oldest entry makes room
            slot = start;
            start = (start + 1) % capacity;
        }
        ring[2 * slot] = pos;
        ring[2 * slot + 1] = ((long) length << 32) | (crc & 0xffffffffL);
    }

    private void grow(int capacity) {
        long[] bigger = new long[2 * capacity];
        int old = ring.length / 2;
        for (int i = 0; i < size; i++) {
            int s = (start + i) % old;
            bigger[2 * i] = ring[2 * s];
            bigger[2 * i + 1] = ring[2 * s + 1];
        }
        ring = bigger;
        start = 0;
    }

    /**
     * A retransmitted copy: {@code payload} (captured bytes) at stream position {@code pos}, of which the part
     * before {@code limit} was delivered before. Returns the bytes of remembered segments it covers whole and
     * disagrees with (0 when it agrees, or covers none).
     */
    long differing(long pos, ByteView payload, long limit) {
        if (size == 0) return 0;
        long end = Math.min(limit, pos + payload.length());
        int capacity = ring.length / 2;
        long differ = 0;
        for (int i = 0; i < size; i++) {
            int s = (start + i) % capacity;
            long p = ring[2 * s];
            int len = (int) (ring[2 * s + 1] >>> 32);
            if (p < pos || p + len > end) continue;
            int kept = (int) ring[2 * s + 1];
            if (payload.slice((int) (p - pos), len).crc32c() != kept) differ += len;
        }
        return differ;
    }
}
