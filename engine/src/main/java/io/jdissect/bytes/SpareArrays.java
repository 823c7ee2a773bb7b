package io.jdissect.bytes;

/**
 * Large buffer arrays a thread's flows pass on to each other. A flow keeps a small buffer while idle, so a large
 * message borrowed a large array that the next large message of any flow on the thread (a flow is decoded on one
 * thread) takes back, instead of allocating its own and dropping it. Bounded per thread: {@link #SLOTS} arrays
 * of at most {@link #MAX_ARRAY} bytes, {@link #MAX_TOTAL} bytes in all (large messages of many flows interleave,
 * so a handful of spares is not enough).
 */
final class SpareArrays {
    static final int MAX_ARRAY = 1 << 20;
    static final int MAX_TOTAL = 4 << 20;
    private static final int SLOTS = 16;

    private static final ThreadLocal<SpareArrays> THREAD = ThreadLocal.withInitial(SpareArrays::new);

    private final byte[][] arrays = new byte[SLOTS][];
    private long total;

    private SpareArrays() { }

    /** The smallest spare array of at least {@code min} bytes (removed from the spares), or null. */
    static byte[] take(int min) {
        SpareArrays s = THREAD.get();
        byte[][] a = s.arrays;
        int best = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (a[i] != null && a[i].length >= min && (best < 0 || a[i].length < a[best].length)) best = i;
        }
        if (best < 0) return null;
        byte[] b = a[best];
        a[best] = null;
        s.total -= b.length;
        return b;
    }

    /** Offers an array no flow uses any more: it takes a free slot, else the place of the smallest smaller spare. */
    static void give(byte[] b) {
        if (b.length > MAX_ARRAY) return;
        SpareArrays s = THREAD.get();
        byte[][] a = s.arrays;
        int slot = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (a[i] == null) {
                slot = i;
                break;
            }
            if (a[i].length < a[slot].length) slot = i;
        }
        long freed = a[slot] == null ? 0 : a[slot].length;
        if (freed >= b.length || s.total - freed + b.length > MAX_TOTAL) return;
        a[slot] = b;
        s.total += b.length - freed;
    }
}
