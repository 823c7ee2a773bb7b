package io.jdissect.bytes;

/**
 * Bytes that many per-flow buffers of one kind hold together, against one total: a per-flow limit alone lets
 * thousands of flows each hold their most at once. Buffers take from it as they grow and give back as they
 * empty; what the budget refuses is not kept (and counted as dropped by the buffer). One per kind and worker
 * thread, like the buffers that use it (each with its share of the total): not thread-safe.
 */
public final class ByteBudget {
    private final long limit;
    private final String pref;
    private final long total;
    private final int sharedBy;
    private long used;
    private long refusals;

    /** The least {@link #heapShare} gives, whatever the heap. */
    public static final long MIN_SHARE = 32L << 20;

    /**
     * A default total for one kind of buffer (split among the worker threads): a sixth of the JVM's largest heap, at least
     * {@link #MIN_SHARE}. A fixed default is wrong both ways: 32 MiB dropped messages of a real capture with 2,000
     * conversations in flight (about 60 MiB held at its peak, on one thread), while a larger fixed one lets hostile
     * captures fill a small heap; the heap is what the budget protects.
     */
    public static long heapShare() {
        return Math.max(MIN_SHARE, Runtime.getRuntime().maxMemory() / 6);
    }

    /** @param pref the id of the preference that sets {@code limit}, for the anomaly that says it bit */
    public ByteBudget(long limit, String pref) {
        this(limit, pref, 1);
    }

    /**
     * One worker thread's even share of {@code total}, when {@code sharedBy} threads each have a budget of this kind
     * (see {@code StreamContext.workerThreads}).
     */
    public ByteBudget(long total, String pref, int sharedBy) {
        if (total < 0) throw new IllegalArgumentException("negative budget " + total);
        if (sharedBy < 1) throw new IllegalArgumentException("shared by " + sharedBy);
        this.total = total;
        this.sharedBy = sharedBy;
        this.limit = sharedBy == 1 ? total : Math.max(1, total / sharedBy);
        this.pref = pref;
    }

    /** Takes {@code n} bytes if they fit; false (and nothing taken) when they do not. */
    public boolean take(long n) {
        if (n <= 0) return true;
        if (used + n > limit) {
            refusals++;
            return false;
        }
        used += n;
        return true;
    }

    /** Counts {@code n} more (or, negative, fewer) bytes without asking: a buffer's array came out larger. */
    void adjust(long n) { used = Math.max(0, used + n); }

    public void give(long n) {
        if (n > 0) used = Math.max(0, used - n);
    }

    public long used() { return used; }

    public long limit() { return limit; }

    /** How many times a buffer asked for more than was left. */
    public long refusals() { return refusals; }

    /** What an anomaly says when this budget bit. */
    public String describe() {
        if (sharedBy == 1) return "all flows together over " + pref + "=" + limit + " bytes";
        return "the flows of one of " + sharedBy + " worker threads over its share (" + limit + " bytes) of " + pref + "=" + total;
    }
}
