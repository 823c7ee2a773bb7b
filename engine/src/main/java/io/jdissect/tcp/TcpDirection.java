package io.jdissect.tcp;

import io.jdissect.bytes.ByteView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles one direction of a TCP conversation. Sequence numbers are unwrapped to 64-bit stream
 * positions, so wraparound needs no special case. Policy:
 * <ul>
 * <li>segments ahead of the next expected byte are copied and held (out of order), up to a byte limit and a
 *     segment limit (a one-byte segment costs about 100 bytes of bookkeeping: bytes alone do not bound memory);
 *     held chunks never overlap one another; finding a segment's place costs O(log held);</li>
 * <li>bytes already delivered are dropped (retransmission); they are no longer kept, but the last segments
 *     delivered are remembered by fingerprint ({@link DeliveredSegments}), so a resent copy that differs from what
 *     was delivered is reported as an overlap conflict too; where a segment overlaps held bytes, the first copy
 *     wins (as in Linux, tshark and Zeek) and differing bytes are reported as an overlap conflict;</li>
 * <li>a keep-alive (at most one byte at the next position minus one) is neither data nor a retransmission; when a
 *     capture starts mid-stream with one byte, it may be such a probe: it waits for the peer's answer (a duplicate
 *     SACK of it, or an ACK the peer sent before it already covering it, says probe; a plain ACK says data) or for
 *     more data, whichever comes first;</li>
 * <li>bytes announced but not captured (snaplen) and holes never filled become gaps, and the stream goes on.</li>
 * </ul>
 */
public final class TcpDirection {
    /**
     * Held bytes at a stream position: {@code bytes} were captured, the rest of {@code length} was not; they came in
     * {@code frame} at {@code timestampNanos} (what a message ending in them carries if a hole before them is given up).
     */
    private record Chunk(byte[] bytes, int length, long frame, long timestampNanos) { }

    /** A part of an arriving segment not covered by held chunks. */
    private record Piece(long pos, ByteView bytes, int length) { }

    private final long maxHeldBytes;
    private final int maxHeldSegments;
    private final HeldBudget shared;
    /** Delivered segments remembered for comparing retransmissions (0: none). */
    private final int checkedSegments;
    /** What was delivered, by fingerprint, to compare retransmissions with; made at the first delivery. */
    private DeliveredSegments recent;
    /** Out-of-order chunks by stream position; made when the first one comes (most directions never need one). */
    private TreeMap<Long, Chunk> held;
    private long heldBytes;
    private boolean started;
    private long next;          // stream position of the next byte to deliver
    private long delivered;     // bytes delivered
    private long gapBytes;
    private int gaps;
    private long finPosition = -1;
    /** The sequence number of this direction's SYN, or -1 (none seen). */
    private long isn = -1;
    /** A lone first byte of a capture started mid-stream, at {@code next - 1}: a keep-alive probe or data, not yet known. */
    private Chunk probeByte;
    /** The last acknowledgement number the peer sent before this direction started, or -1. */
    private long peerAckBeforeStart = -1;

    public TcpDirection(long maxHeldBytes) {
        this(maxHeldBytes, new HeldBudget());
    }

    /** @param shared the counter of bytes held by all directions, for a limit across flows */
    public TcpDirection(long maxHeldBytes, HeldBudget shared) {
        this(maxHeldBytes, Integer.MAX_VALUE, shared);
    }

    /** @param maxHeldSegments out-of-order segments (chunks) held before the oldest hole is given up */
    public TcpDirection(long maxHeldBytes, int maxHeldSegments, HeldBudget shared) {
        this(maxHeldBytes, maxHeldSegments, DEFAULT_CHECKED_SEGMENTS, shared);
    }

    /** Delivered segments remembered for comparing retransmissions, unless told otherwise. */
    public static final int DEFAULT_CHECKED_SEGMENTS = 32;

    /** @param checkedSegments delivered segments remembered to compare retransmissions with (0: none) */
    public TcpDirection(long maxHeldBytes, int maxHeldSegments, int checkedSegments, HeldBudget shared) {
        this.maxHeldBytes = maxHeldBytes;
        this.maxHeldSegments = maxHeldSegments;
        this.shared = shared;
        this.checkedSegments = checkedSegments;
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
        segment(seq32, syn, fin, payload, announced, frame, 0, sink, events);
    }

    /** As above, with the time the segment was captured (held bytes remember their frame and time). */
    public void segment(long seq32, boolean syn, boolean fin, ByteView payload, int announced, long frame,
                        long timestampNanos, StreamSink sink, ReassemblyEvents events) {
        segment(seq32, syn, fin, payload, -1, announced, frame, timestampNanos, sink, events);
    }

    /** As above, with the payload's CRC-32C when it is known already (unsigned; -1: not known, computed if needed). */
    public void segment(long seq32, boolean syn, boolean fin, ByteView payload, long payloadCrc, int announced, long frame,
                        long timestampNanos, StreamSink sink, ReassemblyEvents events) {
        if (syn) {
            if (!started) {
                started = true;
                next = (seq32 + 1) & 0xffffffffL;
                isn = seq32;
            } else if (seq32 == isn && announced == 0) {
                events.controlRetransmission("SYN");   // the same SYN again (a new ISN is the pipeline's to judge)
            }
            seq32 = (seq32 + 1) & 0xffffffffL;  // data on a SYN starts after it
        }
        if (!started) {
            if (announced == 0 && !fin) return;  // a pure ACK tells us nothing about this direction's data
            started = true;
            next = seq32;
            events.midstreamStart();
            if (announced == 1 && !fin && payload.length() == 1) {
                // the peer acknowledged this byte before it came: it was received long ago, this copy is a probe
                if (peerAckBeforeStart >= 0 && (int) (peerAckBeforeStart - (seq32 + 1)) >= 0) {
                    next = seq32 + 1;
                    events.keepAlive();
                    return;
                }
                probeByte = new Chunk(payload.copyBytes(), 1, frame, timestampNanos);
                next = seq32 + 1;
                return;
            }
        }
        long pos = position(seq32);
        if (probeByte != null && (pos + announced > next || fin)) deliverProbeByte(sink, false);   // more data: it was data
        if (fin) {
            if (announced == 0 && pos == finPosition) events.controlRetransmission("FIN");   // data would count as resent bytes
            finPosition = pos + announced;
        }
        if (announced == 0) return;
        long end = pos + announced;
        if (end <= next) {
            if (announced == 1 && pos == next - 1) {   // keep-alive: one garbage byte just below next
                events.keepAlive();
                return;
            }
            events.retransmission(announced);
            resentDiffers(pos, payload, events);
            return;
        }
        if (pos < next) {
            int skip = (int) (next - pos);
            events.retransmission(skip);
            resentDiffers(pos, payload, events);
            payload = payload.slice(Math.min(skip, payload.length()));
            payloadCrc = -1;   // not the CRC of what is left
            announced -= skip;
            pos = next;
        }
        if (nothingHeld()) {
            if (pos == next) deliver(payload, payloadCrc, announced, sink);
            else hold(List.of(new Piece(pos, payload, announced)), frame, timestampNanos, sink, events);
            return;
        }
        List<Piece> fresh = uncovered(pos, payload, announced, events);
        if (!fresh.isEmpty() && fresh.get(0).pos == next) {
            Piece first = fresh.remove(0);
            deliver(first.bytes, -1, first.length, sink);   // a piece is a slice: the payload's CRC is not its own
        }
        if (!fresh.isEmpty()) hold(fresh, frame, timestampNanos, sink, events);
        drain(sink);
    }

    /** A resent copy of delivered bytes is compared with the segments it covers; the delivered copy stays. */
    private void resentDiffers(long pos, ByteView payload, ReassemblyEvents events) {
        long differ = recent == null ? 0 : recent.differing(pos, payload, next);
        if (differ > 0) events.overlapConflict(differ);
    }

    /** The parts of a segment that no held chunk covers; covered parts are compared with what is held. */
    private List<Piece> uncovered(long pos, ByteView payload, int announced, ReassemblyEvents events) {
        List<Piece> out = new ArrayList<>();
        long end = pos + announced, at = pos;
        long overlap = 0, differ = 0;
        Long from = held.floorKey(pos);
        for (Map.Entry<Long, Chunk> e : held.tailMap(from == null ? pos : from, true).entrySet()) {
            long cs = e.getKey(), ce = cs + e.getValue().length;
            if (cs >= end) break;
            if (ce <= at) continue;
            if (cs > at) out.add(piece(pos, payload, at, cs));
            long os = Math.max(at, cs), oe = Math.min(end, ce);
            overlap += oe - os;
            differ += differing(e.getValue().bytes, cs, payload, pos, os, oe);
            at = oe;
        }
        if (at < end) out.add(piece(pos, payload, at, end));
        if (differ > 0) events.overlapConflict(differ);
        else if (overlap > 0) events.retransmission(overlap);
        return out;
    }

    private static Piece piece(long pos, ByteView payload, long from, long to) {
        int off = (int) (from - pos);
        int captured = (int) Math.max(0, Math.min(payload.length() - off, to - from));
        return new Piece(from, captured == 0 ? ByteView.EMPTY : payload.slice(off, captured), (int) (to - from));
    }

    /** Bytes in [from, to) that both copies captured and that differ. */
    private static long differing(byte[] kept, long keptPos, ByteView payload, long pos, long from, long to) {
        long n = 0;
        for (long p = from; p < to; p++) {
            int k = (int) (p - keptPos), q = (int) (p - pos);
            if (k < kept.length && q < payload.length() && kept[k] != (byte) payload.u8(q)) n++;
        }
        return n;
    }

    /** Whether {@link #peerAck} has anything to learn from the peer's next acknowledgement. */
    public boolean wantsPeerAck() { return !started || probeByte != null; }

    /** A lone first byte waits for the peer's answer: is it a keep-alive probe? */
    public boolean awaitsProbeAnswer() { return probeByte != null; }

    /** Sequence number of the lone first byte waiting for the peer's answer (see {@link #peerAck}). */
    public long probeSeq() { return (next - 1) & 0xffffffffL; }

    /**
     * The peer acknowledged up to {@code ack32}; {@code duplicateSack} says whether it reported the byte at
     * {@link #probeSeq()} as received twice. A probe is dropped; a byte acknowledged as new is delivered (as of the
     * packet it came in).
     */
    public void peerAck(long ack32, boolean duplicateSack, StreamSink sink) {
        if (!started) {
            peerAckBeforeStart = ack32;
            return;
        }
        if (probeByte == null) return;
        if (duplicateSack) probeByte = null;                                       // keep-alive: not data
        else if ((int) (ack32 - (next & 0xffffffffL)) >= 0) deliverProbeByte(sink, true);
    }

    private void deliverProbeByte(StreamSink sink, boolean ownArrival) {
        Chunk c = probeByte;
        probeByte = null;
        if (ownArrival) sink.heldArrival(c.frame, c.timestampNanos);
        sink.data(ByteView.of(c.bytes));
        delivered++;
    }

    /** @param crc the CRC-32C of {@code bytes} (unsigned) when known, else -1 */
    private void deliver(ByteView bytes, long crc, int length, StreamSink sink) {
        if (bytes.length() == length && checkedSegments > 0 && !bytes.isEmpty()) {
            if (recent == null) recent = new DeliveredSegments(checkedSegments);
            recent.delivered(next, bytes.length(), crc >= 0 ? (int) crc : bytes.crc32c());
        }
        if (!bytes.isEmpty()) {
            sink.data(bytes);
            delivered += bytes.length();
        }
        if (length > bytes.length()) {
            long missing = length - bytes.length();
            gap(missing, "snaplen cut " + missing + " bytes", sink);
        }
        next += length;
    }

    private boolean nothingHeld() { return held == null || held.isEmpty(); }

    private void hold(List<Piece> pieces, long frame, long timestampNanos, StreamSink sink, ReassemblyEvents events) {
        if (held == null) held = new TreeMap<>();
        long n = 0;
        for (Piece p : pieces) {
            held.put(p.pos, new Chunk(p.bytes.copyBytes(), p.length, frame, timestampNanos));
            n += p.bytes.length();
            heldBytes += p.bytes.length();
            shared.add(p.bytes.length());
            shared.addSegments(1);
        }
        events.outOfOrder(pieces.get(pieces.size() - 1).pos + pieces.get(pieces.size() - 1).length - pieces.get(0).pos);
        if (heldBytes > maxHeldBytes) {
            release(heldBytes - maxHeldBytes, "out-of-order buffer of this direction over " + maxHeldBytes + " bytes", sink, events);
        }
        if (held.size() > maxHeldSegments) {
            releaseSegments(held.size() - maxHeldSegments, "out-of-order segments of this direction over " + maxHeldSegments, sink, events);
        }
    }

    /** Out-of-order segments (chunks) held. */
    public int heldSegments() { return held == null ? 0 : held.size(); }

    /**
     * Gives up holes, oldest first, until at least {@code segments} held segments were delivered (or none is
     * left), as {@link #release} does for bytes. Returns the segments released.
     */
    public int releaseSegments(int segments, String why, StreamSink sink, ReassemblyEvents events) {
        int before = heldSegments();
        drain(sink);
        while (before - heldSegments() < segments && !nothingHeld()) {
            Map.Entry<Long, Chunk> first = held.firstEntry();
            events.limitExceeded(why + "; hole of " + (first.getKey() - next) + " bytes declared a gap");
            skipHole(first, "out-of-order limit", sink);
        }
        return before - heldSegments();
    }

    /**
     * Gives up holes, oldest first, until at least {@code bytes} held bytes were released (or none is left):
     * each hole becomes a gap and the bytes after it are delivered. Returns the bytes released.
     */
    public long release(long bytes, String why, StreamSink sink, ReassemblyEvents events) {
        long before = heldBytes;
        drain(sink);   // a chunk the stream has just reached is no hole: deliver it rather than report a gap of 0
        while (before - heldBytes < bytes && !nothingHeld()) {
            Map.Entry<Long, Chunk> first = held.firstEntry();
            events.limitExceeded(why + "; hole of " + (first.getKey() - next) + " bytes declared a gap");
            skipHole(first, "out-of-order limit", sink);
        }
        return before - heldBytes;
    }

    private void drain(StreamSink sink) { drain(sink, false); }

    /** After a hole was given up: each chunk delivered as of its own packet. */
    private void drainHeld(StreamSink sink) { drain(sink, true); }

    private void drain(StreamSink sink, boolean ownArrival) {
        while (!nothingHeld()) {
            Map.Entry<Long, Chunk> e = held.firstEntry();
            long pos = e.getKey();
            if (pos > next) return;
            held.pollFirstEntry();
            Chunk c = e.getValue();
            if (ownArrival) sink.heldArrival(c.frame, c.timestampNanos);
            heldBytes -= c.bytes.length;
            shared.add(-c.bytes.length);
            shared.addSegments(-1);
            // chunks never overlap, and next only moves to a chunk's start or end, so pos == next here
            deliver(ByteView.of(c.bytes), -1, c.length, sink);
        }
    }

    /** The conversation is over: whatever is still held is delivered after gaps for the holes. */
    public void flush(StreamSink sink, ReassemblyEvents events) {
        if (probeByte != null) deliverProbeByte(sink, true);   // never answered: kept as data, nothing is lost
        while (!nothingHeld()) {
            Map.Entry<Long, Chunk> first = held.firstEntry();
            if (first.getKey() > next) skipHole(first, "segment never captured", sink);
            else drain(sink);
        }
    }

    /**
     * Gives up the hole before {@code first}: the bytes after it are delivered as of the packet they came in (a
     * message they end was complete then, not when the hole was given up), and the gap is said there too.
     */
    private void skipHole(Map.Entry<Long, Chunk> first, String reason, StreamSink sink) {
        sink.heldArrival(first.getValue().frame, first.getValue().timestampNanos);
        gap(first.getKey() - next, reason, sink);
        next = first.getKey();
        drainHeld(sink);
    }

    private void gap(long length, String reason, StreamSink sink) {
        gaps++;
        gapBytes += length;
        sink.gap(length, reason);
    }

    public long deliveredBytes() { return delivered; }

    public long gapBytes() { return gapBytes; }

    public int gaps() { return gaps; }

    /** Out-of-order bytes held (not counting a lone first byte waiting to be told a probe from data). */
    public long heldBytes() { return heldBytes; }

    /** Nothing is held back: no out-of-order bytes, no first byte waiting for the peer's answer. */
    public boolean holdsNothing() { return heldBytes == 0 && probeByte == null; }

    public boolean finished() { return finPosition >= 0 && next >= finPosition; }
}
