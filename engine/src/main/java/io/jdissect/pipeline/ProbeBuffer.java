package io.jdissect.pipeline;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a flow heuristic asked the engine to hold: each direction's bytes in one growing array, and the
 * order and packet (frame number, time) in which they arrived, so they can be replayed exactly as they came.
 * Bounded by the caller: it stops adding once {@link #full} says so.
 */
final class ProbeBuffer {
    /** One delivery: {@code length} bytes at {@code offset} of its direction's array, from packet {@code frame}. */
    record Chunk(Direction direction, int offset, int length, long frame, long timestampNanos) { }

    private final long limit;
    // every delivery is kept whole (the caller stops at the limit), so the buffers' own bound is only a backstop
    private final BoundedBytes[] bytes = {new BoundedBytes(Integer.MAX_VALUE - 16), new BoundedBytes(Integer.MAX_VALUE - 16)};
    private final List<Chunk> chunks = new ArrayList<>();

    ProbeBuffer(long limitPerDirection) { this.limit = limitPerDirection; }

    void add(Direction d, ByteView data, long frame, long timestampNanos) {
        BoundedBytes b = bytes[d.index()];
        int offset = b.size();
        int kept = b.append(data);
        chunks.add(new Chunk(d, offset, kept, frame, timestampNanos));
    }

    /** Whether a direction reached the limit: the heuristic must decide now. */
    boolean full() { return bytes[0].size() >= limit || bytes[1].size() >= limit; }

    ByteView view(Direction d) { return bytes[d.index()].view(); }

    ByteView view(Chunk c) { return bytes[c.direction().index()].view(c.offset(), c.length()); }

    List<Chunk> chunks() { return chunks; }
}
