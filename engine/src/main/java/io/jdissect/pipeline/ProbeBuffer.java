package io.jdissect.pipeline;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;

import java.util.ArrayList;
import java.util.Arrays;
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
    private final byte[][] bytes = {new byte[0], new byte[0]};
    private final int[] size = new int[2];
    private final List<Chunk> chunks = new ArrayList<>();

    ProbeBuffer(long limitPerDirection) { this.limit = limitPerDirection; }

    void add(Direction d, ByteView data, long frame, long timestampNanos) {
        int i = d.index();
        int need = size[i] + data.length();
        if (need > bytes[i].length) bytes[i] = Arrays.copyOf(bytes[i], Math.max(need, Math.max(256, bytes[i].length * 2)));
        data.copyTo(0, bytes[i], size[i], data.length());
        chunks.add(new Chunk(d, size[i], data.length(), frame, timestampNanos));
        size[i] = need;
    }

    /** Whether a direction reached the limit: the heuristic must decide now. */
    boolean full() { return size[0] >= limit || size[1] >= limit; }

    ByteView view(Direction d) { return ByteView.of(bytes[d.index()], 0, size[d.index()]); }

    ByteView view(Chunk c) { return ByteView.of(bytes[c.direction().index()], c.offset(), c.length()); }

    List<Chunk> chunks() { return chunks; }
}
