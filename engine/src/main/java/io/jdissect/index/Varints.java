package io.jdissect.index;

/** Unsigned LEB128 varints: the packet table is mostly small numbers (deltas, lengths), one to three bytes each. */
final class Varints {
    private Varints() { }

    /** The most bytes one value takes. */
    static final int MAX_BYTES = 10;

    /** Writes {@code v} at {@code at} of {@code b} (room for {@link #MAX_BYTES}); returns where it ended. */
    static int put(byte[] b, int at, long v) {
        while ((v & ~0x7fL) != 0) {
            b[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    /** Reads varints from an array, keeping its position. */
    static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) { this.b = b; }

        boolean more() { return pos < b.length; }

        long next() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= b.length) throw new IllegalStateException("packet table ends inside a number");
                int x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) return v;
            }
            throw new IllegalStateException("packet table: number longer than 64 bits");
        }
    }
}
