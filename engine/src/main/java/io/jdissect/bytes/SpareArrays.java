package io.jdissect.bytes;

/**
 * Large buffer arrays a thread's flows pass on to each other. A flow keeps a small buffer while idle, so a large
 * message borrowed a large array that the next large message of any flow on the thread (a flow is decoded on one
 * thread) takes back, instead of allocating its own and dropping it. Bounded per thread: {@link #SLOTS} arrays
 * of at most {@link #MAX_ARRAY} bytes, {@link #MAX_TOTAL} bytes in all (large messages of many flows interleave,
 * so a handful of spares is not enough).
 * <p>
 * Small arrays (256 bytes up to {@link BoundedBytes#RETAIN}, powers of two) have slots of their own, four of each
 * size (at most 63 KiB per thread): a budgeted buffer keeps no array while empty, and a growing one drops its last
 * small array, so without them every message split over segments allocated (and zeroed) fresh ones. A large spare
 * never stands in for a small one.
 */
final class SpareArrays {
    static final int MAX_ARRAY = 1 << 20;
    static final int MAX_TOTAL = 4 << 20;
    private static final int SLOTS = 16;
    private static final int SMALLEST = 256;
    private static final int SMALL_PER_SIZE = 4;
    private static final int SMALL_SLOTS = SMALL_PER_SIZE
            * (Integer.numberOfTrailingZeros(BoundedBytes.RETAIN) - Integer.numberOfTrailingZeros(SMALLEST) + 1);

    private static final ThreadLocal<SpareArrays> THREAD = ThreadLocal.withInitial(SpareArrays::new);

    private final byte[][] arrays = new byte[SLOTS][];
    private final byte[][] small = new byte[SMALL_SLOTS][];
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

    /** A spare small array of exactly {@code length} bytes (removed from the spares), or null. */
    static byte[] takeSmall(int length) {
        int c = smallClass(length);
        if (c < 0) return null;
        byte[][] a = THREAD.get().small;
        for (int i = c * SMALL_PER_SIZE; i < (c + 1) * SMALL_PER_SIZE; i++) {
            byte[] b = a[i];
            if (b != null) {
                a[i] = null;
                return b;
            }
        }
        return null;
    }

    /** Offers a small array no buffer uses any more: kept in a free slot of its size, else dropped. */
    static void giveSmall(byte[] b) {
        int c = smallClass(b.length);
        if (c < 0) return;
        byte[][] a = THREAD.get().small;
        for (int i = c * SMALL_PER_SIZE; i < (c + 1) * SMALL_PER_SIZE; i++) {
            if (a[i] == null) {
                a[i] = b;
                return;
            }
        }
    }

    /** The slots of small arrays of {@code length} bytes (256 to RETAIN, powers of two), or -1 for any other length. */
    private static int smallClass(int length) {
        if (length < SMALLEST || length > BoundedBytes.RETAIN || Integer.bitCount(length) != 1) return -1;
        return Integer.numberOfTrailingZeros(length) - Integer.numberOfTrailingZeros(SMALLEST);
    }
}
