package io.jdissect.flow;

import io.jdissect.packet.PacketView;

/**
 * Which conversation a packet belongs to: live flows by their endpoints in canonical order (so both directions
 * find one), least recently active first. Holds only what numbering needs (tcp.stream, whether a FIN or RST was
 * seen, when the last packet came), so it is cheap enough to keep in front of the flow work.
 * <p>
 * Every packet looks a flow up, so everything is in primitive arrays indexed by slot of an open-addressing table
 * (linear probing, backward-shift deletion), the order of activity included (as links between slots): a probe
 * reads a dense array of hashes and the keys only on a hash match, and moving a flow to the most recent end
 * touches arrays small enough to stay in the CPU cache, where linked entry objects missed it at every packet.
 * A slot number is valid until the next {@link #add} or {@link #remove}. Allocates nothing per packet.
 */
final class FlowSlots {
    private static final int NONE = -1;
    // keys: endpoints, lower one first: aHi, aLo, bHi, bLo, version << 32 | aPort << 16 | bPort
    private static final int KEY = 5;

    private int[] hashes;      // 0: free slot
    private long[] keys;
    private long[] streams;
    private long[] lastNanos;
    private long[] lastFrames;
    private boolean[] ended;   // a FIN or RST was seen: a new SYN on these ports starts a new conversation
    private long[] isns;       // the client's initial sequence number, or -1 while no SYN was seen
    private int[] older, newer;
    private int size;
    private int oldest = NONE, newest = NONE;
    // the key of the last find(), for add()
    private final long[] probe = new long[KEY];
    private long pAHi, pALo, pBHi, pBLo, pRest;
    private int pHash;

    FlowSlots() { allocate(1024); }

    private void allocate(int n) {
        hashes = new int[n];
        keys = new long[n * KEY];
        streams = new long[n];
        lastNanos = new long[n];
        lastFrames = new long[n];
        ended = new boolean[n];
        isns = new long[n];
        older = new int[n];
        newer = new int[n];
    }

    /** The slot of the live flow with this packet's endpoints, or -1. */
    int find(PacketView v) {
        int c = Long.compareUnsigned(v.srcHi, v.dstHi);
        if (c == 0) c = Long.compareUnsigned(v.srcLo, v.dstLo);
        if (c == 0) c = Integer.compare(v.srcPort, v.dstPort);
        long version = (long) v.ipVersion << 32;
        if (c <= 0) {
            pAHi = v.srcHi; pALo = v.srcLo; pBHi = v.dstHi; pBLo = v.dstLo; pRest = version | (long) v.srcPort << 16 | v.dstPort;
        } else {
            pAHi = v.dstHi; pALo = v.dstLo; pBHi = v.srcHi; pBLo = v.srcLo; pRest = version | (long) v.dstPort << 16 | v.srcPort;
        }
        pHash = hash(pAHi, pALo, pBHi, pBLo, pRest);
        int mask = hashes.length - 1;
        for (int i = pHash & mask; ; i = (i + 1) & mask) {
            int h = hashes[i];
            if (h == 0) return NONE;
            int k = i * KEY;
            if (h == pHash && keys[k + 1] == pALo && keys[k + 3] == pBLo && keys[k + 4] == pRest && keys[k] == pAHi
                    && keys[k + 2] == pBHi) {
                return i;
            }
        }
    }

    /** A new flow with the endpoints of the last {@link #find} (which found none); returns its slot. */
    int add(long stream) {
        if ((size + 1) * 2 > hashes.length) grow();
        probe[0] = pAHi; probe[1] = pALo; probe[2] = pBHi; probe[3] = pBLo; probe[4] = pRest;
        return insert(pHash, probe, 0, stream, Long.MIN_VALUE, 0, false, -1);
    }

    /** Puts a flow in a free slot of its probe run, as the most recently active; returns the slot. */
    private int insert(int hash, long[] key, int keyAt, long stream, long nanos, long frame, boolean end, long isn) {
        int mask = hashes.length - 1;
        int i = hash & mask;
        while (hashes[i] != 0) i = (i + 1) & mask;
        hashes[i] = hash;
        System.arraycopy(key, keyAt, keys, i * KEY, KEY);
        streams[i] = stream;
        lastNanos[i] = nanos;
        lastFrames[i] = frame;
        ended[i] = end;
        isns[i] = isn;
        size++;
        link(i);
        return i;
    }

    /** A packet of the flow in {@code slot} came: it is now the most recently active. */
    void seen(int slot, long nanos, long frame) {
        lastNanos[slot] = nanos;
        lastFrames[slot] = frame;
        if (slot != newest) {
            unlink(slot);
            link(slot);
        }
    }

    long stream(int slot) { return streams[slot]; }

    long lastNanos(int slot) { return lastNanos[slot]; }

    long lastFrame(int slot) { return lastFrames[slot]; }

    boolean ended(int slot) { return ended[slot]; }

    long isn(int slot) { return isns[slot]; }

    void isn(int slot, long isn) { isns[slot] = isn; }

    void end(int slot) { ended[slot] = true; }

    /** The least recently active flow's slot, or -1. */
    int oldest() { return oldest; }

    int size() { return size; }

    void remove(int slot) {
        unlink(slot);
        int mask = hashes.length - 1;
        int hole = slot;
        // backward-shift deletion: move later members of the probe run into the hole, so no tombstones pile up
        for (int j = (hole + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                move(j, hole);
                hole = j;
            }
        }
        hashes[hole] = 0;
        size--;
    }

    /** Moves the flow in slot {@code from} to the free slot {@code to}, links included. */
    private void move(int from, int to) {
        hashes[to] = hashes[from];
        System.arraycopy(keys, from * KEY, keys, to * KEY, KEY);
        streams[to] = streams[from];
        lastNanos[to] = lastNanos[from];
        lastFrames[to] = lastFrames[from];
        ended[to] = ended[from];
        isns[to] = isns[from];
        older[to] = older[from];
        newer[to] = newer[from];
        if (older[to] != NONE) newer[older[to]] = to; else oldest = to;
        if (newer[to] != NONE) older[newer[to]] = to; else newest = to;
    }

    private static int hash(long aHi, long aLo, long bHi, long bLo, long rest) {
        long h = aLo * 0x9E3779B97F4A7C15L + bLo;
        h = h * 0x9E3779B97F4A7C15L + rest;
        h = h * 0x9E3779B97F4A7C15L + (aHi ^ Long.rotateLeft(bHi, 17));
        h *= 0x9E3779B97F4A7C15L;
        int x = (int) (h ^ (h >>> 29));
        return x == 0 ? 1 : x;   // 0 marks a free slot
    }

    /** Twice the slots: every flow inserted again, oldest first, so the order of activity is kept. */
    private void grow() {
        int[] oHashes = hashes, oNewer = newer;
        long[] oKeys = keys, oStreams = streams, oNanos = lastNanos, oFrames = lastFrames, oIsns = isns;
        boolean[] oEnded = ended;
        int first = oldest;
        allocate(oHashes.length * 2);
        size = 0;
        oldest = newest = NONE;
        for (int j = first; j != NONE; j = oNewer[j]) {
            insert(oHashes[j], oKeys, j * KEY, oStreams[j], oNanos[j], oFrames[j], oEnded[j], oIsns[j]);
        }
    }

    private void link(int slot) {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest != NONE) newer[newest] = slot; else oldest = slot;
        newest = slot;
    }

    private void unlink(int slot) {
        int o = older[slot], n = newer[slot];
        if (o != NONE) newer[o] = n; else oldest = n;
        if (n != NONE) older[n] = o; else newest = o;
        older[slot] = newer[slot] = NONE;
    }
}
