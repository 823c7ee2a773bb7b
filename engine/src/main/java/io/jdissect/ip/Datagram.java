package io.jdissect.ip;

import io.jdissect.bytes.ByteView;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One datagram being rebuilt: a private buffer (never the capture's bytes) and the byte ranges filled so far.
 * Where a fragment overlaps bytes already filled, the first copy wins and differing bytes are counted.
 */
final class Datagram {
    final long firstFrame;
    final long firstNanos;
    /** Payload protocol: IPv4's header field, IPv6's Next Header of the offset-0 fragment (-1 until it arrives). */
    int protocol = -1;
    /** Payload length, known once the last fragment (more = false) arrived; -1 before. */
    int total = -1;
    /** Dropped at a limit: later fragments are ignored until the entry expires. */
    boolean dropped;
    private byte[] buf = new byte[0];
    private final TreeMap<Integer, Integer> filled = new TreeMap<>();   // start -> end, disjoint, merged

    Datagram(long firstFrame, long firstNanos) {
        this.firstFrame = firstFrame;
        this.firstNanos = firstNanos;
    }

    /** Bytes of memory this datagram holds. */
    int held() { return buf.length; }

    /** The end of the highest byte filled so far. */
    int end() { return filled.isEmpty() ? 0 : filled.lastEntry().getValue(); }

    /** Grows the buffer so that {@code end} bytes fit, never beyond {@code max}; returns the bytes added. */
    int reserve(int end, int max) {
        if (end <= buf.length) return 0;
        int size = Math.min(max, Math.max(end, Math.min(buf.length * 2, max)));
        int added = size - buf.length;
        buf = Arrays.copyOf(buf, size);
        return added;
    }

    /** Copies the bytes of {@code data} at {@code offset} that are not filled yet; returns how many filled bytes differ. */
    int add(int offset, ByteView data) {
        int end = offset + data.length();
        int conflicts = 0;
        int at = offset;
        Map.Entry<Integer, Integer> before = filled.floorEntry(offset);
        if (before != null && before.getValue() > at) {
            int stop = Math.min(end, before.getValue());
            conflicts += differing(data, offset, at, stop);
            at = stop;
        }
        while (at < end) {
            Map.Entry<Integer, Integer> next = filled.ceilingEntry(at);
            int free = next == null ? end : Math.min(end, next.getKey());
            if (free > at) data.copyTo(at - offset, buf, at, free - at);
            if (next == null || next.getKey() >= end) break;
            int stop = Math.min(end, next.getValue());
            conflicts += differing(data, offset, next.getKey(), stop);
            at = stop;
        }
        mark(offset, end);
        return conflicts;
    }

    private int differing(ByteView data, int offset, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (buf[i] != (byte) data.u8(i - offset)) n++;
        return n;
    }

    private void mark(int start, int end) {
        if (end <= start) return;
        Map.Entry<Integer, Integer> lo = filled.floorEntry(start);
        if (lo != null && lo.getValue() >= start) { start = lo.getKey(); end = Math.max(end, lo.getValue()); }
        Map.Entry<Integer, Integer> hi;
        while ((hi = filled.ceilingEntry(start)) != null && hi.getKey() <= end) {
            end = Math.max(end, hi.getValue());
            filled.remove(hi.getKey());
        }
        filled.put(start, end);
    }

    boolean complete() {
        if (total < 0) return false;
        if (total == 0) return true;
        Map.Entry<Integer, Integer> first = filled.firstEntry();
        return first != null && first.getKey() == 0 && first.getValue() >= total;
    }

    /** What is still missing, for anomaly details. */
    String missing() {
        int covered = 0;
        for (Map.Entry<Integer, Integer> e : filled.entrySet()) covered += e.getValue() - e.getKey();
        if (total < 0) return covered + " bytes received, last fragment never seen";
        return (total - covered) + " of " + total + " bytes missing";
    }

    /** The rebuilt payload; the buffer belongs to the caller from now on. */
    ByteView payload() { return ByteView.of(buf, 0, total); }

    void release() { buf = new byte[0]; filled.clear(); }
}
