package io.jdissect.bytes;

/**
 * A growable byte accumulator that never holds more than its limit, whatever a peer claims: it grows by doubling
 * as bytes actually arrive, and bytes past the limit are counted ({@link #offered()}), not kept. The one bounded
 * buffer of the engine and the dissectors (the probe's held bytes, HTTP bodies and bytes held across an Upgrade,
 * WebSocket frames and messages).
 * <p>
 * Idle conversations must not pin arrays (thousands of flows, two directions each): an emptied buffer gives up an
 * array larger than {@value #RETAIN} bytes, to the thread's spares, where the next large message of any flow on the
 * thread finds it (a flow is decoded on one thread). Not thread-safe.
 */
public final class BoundedBytes {
    private static final int INITIAL = 256;
    /** Above this capacity the array is given up when the buffer is emptied. */
    static final int RETAIN = 8 * 1024;
    private static final byte[] NONE = new byte[0];

    private final int limit;
    private final ByteBudget budget;   // shared with the other buffers of its kind, or null
    private byte[] buf = NONE;
    // the bytes of buf this buffer uses and the budget is charged for: a small array (a spare, or made to be one
    // later) is a power of two at least this long, so what is kept and refused is the same as with an exact array
    private int capacity;
    private int size;
    private long offered;
    private boolean refused;           // the budget refused to let it grow since it was last emptied

    /** @param limit the most bytes kept */
    public BoundedBytes(int limit) {
        this(limit, null);
    }

    /**
     * @param limit  the most bytes kept
     * @param budget what all buffers of its kind may hold together (its array's capacity past the first
     *               {@value #INITIAL} bytes is taken from it; emptied, it keeps no array), or null
     */
    public BoundedBytes(int limit, ByteBudget budget) {
        if (limit < 0) throw new IllegalArgumentException("negative limit " + limit);
        this.limit = limit;
        this.budget = budget;
    }

    /** Whether bytes were not kept since the buffer was last emptied because the shared budget was spent. */
    public boolean refusedByBudget() { return refused; }

    public int limit() { return limit; }

    /** Bytes kept. */
    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    /** Every byte appended since the buffer was last emptied, kept or not. */
    public long offered() { return offered; }

    /** Bytes appended but not kept (past the limit). */
    public long dropped() { return offered - size; }

    public boolean overflowed() { return offered > size; }

    /** Appends what fits of {@code src}; returns how many bytes were kept (they start at the old {@link #size()}). */
    public int append(ByteView src) {
        int start = size;
        int n = reserve(src.length());
        if (n > 0) src.copyTo(0, buf, start, n);
        return n;
    }

    /** Appends what fits of {@code len} bytes of {@code src} from {@code off} (no slice made). */
    public int append(ByteView src, int off, int len) {
        int start = size;
        int n = reserve(len);
        if (n > 0) src.copyTo(off, buf, start, n);
        return n;
    }

    public int append(byte[] src, int off, int len) {
        int start = size;
        int n = reserve(len);
        System.arraycopy(src, off, buf, start, n);
        return n;
    }

    /**
     * Makes room for {@code n} more bytes at once, when a header announced them: up to 64 KiB (and the limit), so
     * a claimed length alone never allocates much; beyond that the buffer grows as bytes arrive.
     */
    public void expect(long n) {
        long want = Math.min((long) limit, size + Math.min(n, 64 * 1024));
        if (want > capacity) grow((int) Math.max(want, INITIAL), true);
    }

    /** Counts {@code len} more offered bytes and makes room for as many as the limit allows; returns that many. */
    private int reserve(int len) {
        offered += len;
        int n = (int) Math.min(len, (long) limit - size);
        if (n <= 0) return 0;
        if (size + n > capacity) {
            int cap = Math.max(INITIAL, capacity);
            while (cap < size + n) cap = (int) Math.min((long) cap * 2, limit);
            if (!grow(cap, false)) {   // the budget is spent: keep what the array holds, and the free part is always there
                if (capacity < INITIAL) grow(Math.min(INITIAL, limit), true);
                n = Math.min(n, capacity - size);
            }
        }
        size += n;
        return n;
    }

    /**
     * Moves the kept bytes to an array of at least {@code cap} bytes (at most the limit). Large ones come from, and
     * go back to, the thread's spares, in powers of two so that one fits the next message too; small ones (from
     * {@value #INITIAL} bytes to {@value #RETAIN}) from and to the thread's small spares, as arrays of the next
     * power of two of which this buffer uses {@code cap} bytes.
     */
    private boolean grow(int cap, boolean hint) {
        if (cap > RETAIN) cap = (int) Math.min(limit, Math.max(cap, Integer.highestOneBit(cap - 1) * 2L));
        if (budget != null && !budget.take(charged(cap) - charged(capacity))) {
            if (!hint) refused = true;   // a hint (expect) that does not fit is no loss: bytes may still fit as they come
            return false;
        }
        boolean small = cap >= INITIAL && cap <= RETAIN;
        byte[] next = null;
        if (cap > RETAIN) next = SpareArrays.take(cap);
        else if (small) next = SpareArrays.takeSmall(Integer.highestOneBit(cap - 1) << 1);
        if (next == null) next = new byte[small ? Integer.highestOneBit(cap - 1) << 1 : cap];
        int usable = small ? cap : next.length;
        if (budget != null) budget.adjust(charged(usable) - charged(cap));   // a large spare may be larger than asked for
        System.arraycopy(buf, 0, next, 0, size);
        if (buf.length > RETAIN) SpareArrays.give(buf);
        else SpareArrays.giveSmall(buf);
        buf = next;   // the budget holds the new capacity: the old one, plus what was just taken
        capacity = usable;
        return true;
    }

    /** The array is let go: its capacity goes back to the budget. */
    private void release() {
        if (budget != null) budget.give(charged(capacity));
        buf = NONE;
        capacity = 0;
    }

    /**
     * What an array of {@code capacity} bytes takes from the budget: its bytes past the first {@value #INITIAL},
     * which every buffer may hold whatever the budget (a line's end, a short message must always be readable).
     */
    private static long charged(int capacity) { return Math.max(0, capacity - INITIAL); }

    /** The kept bytes (valid until the buffer next changes). */
    public ByteView view() { return ByteView.of(buf, 0, size); }

    /** The kept bytes from {@code from} on. */
    public ByteView view(int from) { return ByteView.of(buf, from, size - from); }

    public ByteView view(int from, int length) { return ByteView.of(buf, from, length); }

    /** The backing array, valid up to {@link #size()}: for transforms in place (unmasking) and {@link java.util.zip.Inflater}. */
    public byte[] array() { return buf; }

    /** Drops the first {@code n} kept bytes, moving the rest to the front. */
    public void consume(int n) {
        if (n < 0 || n > size) throw new IndexOutOfBoundsException(n + " of " + size);
        System.arraycopy(buf, n, buf, 0, size - n);
        size -= n;
        offered -= n;
        if (size == 0) clear();
    }

    /** The kept bytes, and the buffer emptied: the view stays valid (later appends use another array). */
    public ByteView take() {
        ByteView v = ByteView.of(buf, 0, size);
        release();
        size = 0;
        offered = 0;
        refused = false;
        return v;
    }

    /** Empties the buffer (its counts too); a large array goes to the thread's spares. */
    public void clear() {
        size = 0;
        offered = 0;
        refused = false;
        if (buf.length > RETAIN) {
            SpareArrays.give(buf);
            release();
        } else if (budget != null && buf.length > 0) {
            SpareArrays.giveSmall(buf);   // the next split message on the thread takes it
            release();   // a budgeted buffer keeps nothing while empty: idle flows hold none of the total
        }
    }
}
