package io.jdissect.tcp;

import io.jdissect.bytes.ByteView;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles one direction of a TCP conversation. Sequence numbers are unwrapped to 64-bit stream
 * positions, so wraparound needs no special case. Policy:
 * <ul>
 * <li>segments ahead of the next expected byte are copied and held (out of order), up to a byte limit;</li>
 * <li>bytes already delivered are dropped (retransmission); where an overlap carries different bytes than
 *     a held segment, the first copy wins (as in Linux and in tshark) and an overlap conflict is reported;</li>
 * <li>bytes announced but not captured (snaplen) and holes never filled become gaps, and the stream goes on.</li>
 * </ul>
 */
public final class TcpDirection {
    private record Held(long frame, byte[] bytes, int announced) { }

    private final long maxHeldBytes;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private long heldBytes;
    private boolean started;
    private long next;          // stream position of the next byte to deliver
    private long delivered;     // bytes delivered
    private long gapBytes;
    private int gaps;
    private long finPosition = -1;

    public TcpDirection(long maxHeldBytes) {
        this.maxHeldBytes = maxHeldBytes;
    }

    /** Unwraps a 32-bit sequence number to the stream position nearest {@code next}. */
    private long position(long seq32) {
        int delta = (int) (seq32 - (next & 0xffffffffL));
        return next + delta;
    }

    /**
     * One segment of this direction.
     *
     * @param payload   the captured payload bytes (may be shorter than {@code announced} when snaplen cut it)
     * @param announced tcp.len from the IP header
     */
    public void segment(long seq32, boolean syn, boolean fin, ByteView payload, int announced, long frame,
                        StreamSink sink, ReassemblyEvents events) {
        if (syn) {
            if (!started) {
                started = true;
                next = (seq32 + 1) & 0xffffffffL;
            }
            seq32 = (seq32 + 1) & 0xffffffffL;  // data on a SYN starts after it
        }
        if (!started) {
            if (announced == 0 && !fin) return;  // a pure ACK tells us nothing about this direction's data
            started = true;
            next = seq32;
            events.midstreamStart();
        }
        long pos = position(seq32);
        if (fin) finPosition = pos + announced;
        if (announced == 0) return;
        long end = pos + announced;
        if (end <= next) {
            events.retransmission(announced);
            return;
        }
        if (pos > next) {
            hold(pos, payload, announced, frame, sink, events);
            return;
        }
        if (pos < next) events.retransmission(next - pos);
        deliver(pos, payload, announced, sink);
        drain(sink, events);
    }

    private void deliver(long pos, ByteView payload, int announced, StreamSink sink) {
        int skip = (int) (next - pos);
        int captured = payload.length();
        if (skip < captured) {
            ByteView fresh = payload.slice(skip);
            sink.data(fresh);
            delivered += fresh.length();
        }
        long end = pos + announced;
        long missing = end - Math.max(next, pos + captured);
        if (missing > 0) {
            gap(missing, "snaplen cut " + missing + " bytes", sink);
        }
        next = end;
    }

    private void hold(long pos, ByteView payload, int announced, long frame, StreamSink sink, ReassemblyEvents events) {
        Held prev = held.get(pos);
        if (prev != null) {
            int n = Math.min(prev.bytes.length, payload.length());
            if (!payload.slice(0, n).contentEquals(ByteView.of(prev.bytes, 0, n))) events.overlapConflict(n);
            else events.retransmission(n);
            if (announced <= prev.announced) return;
        }
        events.outOfOrder(announced);
        held.put(pos, new Held(frame, payload.copyBytes(), announced));
        heldBytes += payload.length() - (prev == null ? 0 : prev.bytes.length);
        while (heldBytes > maxHeldBytes && !held.isEmpty()) {
            // over the limit: give up on the hole before the oldest held segment
            Map.Entry<Long, Held> first = held.firstEntry();
            events.limitExceeded("out-of-order buffer over " + maxHeldBytes + " bytes; hole of "
                    + (first.getKey() - next) + " bytes declared a gap");
            gap(first.getKey() - next, "out-of-order limit", sink);
            next = first.getKey();
            drain(sink, events);
        }
    }

    private void drain(StreamSink sink, ReassemblyEvents events) {
        while (!held.isEmpty()) {
            Map.Entry<Long, Held> e = held.firstEntry();
            long pos = e.getKey();
            if (pos > next) return;
            held.pollFirstEntry();
            Held h = e.getValue();
            heldBytes -= h.bytes.length;
            if (pos + h.announced <= next) continue;
            deliver(pos, ByteView.of(h.bytes), h.announced, sink);
        }
    }

    /** The conversation is over: whatever is still held is delivered after gaps for the holes. */
    public void flush(StreamSink sink, ReassemblyEvents events) {
        while (!held.isEmpty()) {
            long pos = held.firstKey();
            if (pos > next) {
                gap(pos - next, "segment never captured", sink);
                next = pos;
            }
            drain(sink, events);
        }
    }

    private void gap(long length, String reason, StreamSink sink) {
        gaps++;
        gapBytes += length;
        sink.gap(length, reason);
    }

    public long deliveredBytes() { return delivered; }

    public long gapBytes() { return gapBytes; }

    public int gaps() { return gaps; }

    public long heldBytes() { return heldBytes; }

    public boolean finished() { return finPosition >= 0 && next >= finPosition; }
}
