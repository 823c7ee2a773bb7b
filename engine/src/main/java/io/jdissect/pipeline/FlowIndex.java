package io.jdissect.pipeline;

import io.jdissect.packet.PacketView;

import java.util.ArrayList;
import java.util.List;

/**
 * Which conversation a packet belongs to: live flows by their endpoints in canonical order (so both directions
 * find one), least recently active first. Holds only what numbering needs (tcp.stream, whether a FIN or RST was
 * seen, when the last packet came), so it is cheap enough to keep in front of the flow work.
 * <p>
 * Every packet looks a flow up, so this is an open-addressing table (linear probing, backward-shift deletion) in
 * primitive arrays, with entries linked in order of activity: a lookup hashes primitives, compares them and moves
 * one entry to the tail, allocating nothing. A {@code LinkedHashMap} with a key object cost a fifth of the
 * read-and-reassemble time.
 */
final class FlowIndex {
    /** A live conversation as the index sees it. */
    static final class Entry {
        final long stream;
        /** A FIN or RST was seen: a new SYN on these ports starts a new conversation. */
        boolean ended;
        long lastNanos;
        long lastFrame;
        private Entry older, newer;
        private int slot;   // where the table holds it

        private Entry(long stream) { this.stream = stream; }
    }

    // The table, as parallel arrays so that a probe reads a dense int array (hash 0 = free slot), and the keys
    // (endpoints, lower one first: aHi, aLo, bHi, bLo, version << 32 | aPort << 16 | bPort) only on a hash match.
    private static final int KEY = 5;
    private int[] hashes = new int[1024];
    private long[] keys = new long[1024 * KEY];
    private Entry[] entries = new Entry[1024];
    private int size;
    private Entry oldest, newest;
    // the endpoints of the last get(), in canonical order, for add()
    private long pAHi, pALo, pBHi, pBLo, pRest;
    private int pHash;

    /** The live entry for this packet's endpoints (now the most recently active), or null. */
    Entry get(PacketView v) {
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
            if (h == 0) return null;
            int k = i * KEY;
            if (h == pHash && keys[k + 1] == pALo && keys[k + 3] == pBLo && keys[k + 4] == pRest && keys[k] == pAHi
                    && keys[k + 2] == pBHi) {
                Entry e = entries[i];
                touch(e);
                return e;
            }
        }
    }

    /** A new entry for the endpoints of the last {@link #get} (which found none), the most recently active. */
    Entry add(long stream) {
        if ((size + 1) * 2 > hashes.length) grow();
        Entry e = new Entry(stream);
        int mask = hashes.length - 1;
        int i = pHash & mask;
        while (hashes[i] != 0) i = (i + 1) & mask;
        hashes[i] = pHash;
        int k = i * KEY;
        keys[k] = pAHi; keys[k + 1] = pALo; keys[k + 2] = pBHi; keys[k + 3] = pBLo; keys[k + 4] = pRest;
        entries[i] = e;
        e.slot = i;
        size++;
        link(e);
        return e;
    }

    void remove(Entry e) {
        int mask = hashes.length - 1;
        int hole = e.slot;
        if (entries[hole] != e) return;   // not (or no longer) in the table
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
        entries[hole] = null;
        size--;
        unlink(e);
    }

    private void move(int from, int to) {
        hashes[to] = hashes[from];
        System.arraycopy(keys, from * KEY, keys, to * KEY, KEY);
        entries[to] = entries[from];
        entries[to].slot = to;
    }

    /** The least recently active entry, or null. */
    Entry oldest() { return oldest; }

    int size() { return size; }

    /** Live entries, least recently active first (a copy: callers remove as they go). */
    List<Entry> entries() {
        List<Entry> all = new ArrayList<>(size);
        for (Entry e = oldest; e != null; e = e.newer) all.add(e);
        return all;
    }

    private static int hash(long aHi, long aLo, long bHi, long bLo, long rest) {
        long h = aLo * 0x9E3779B97F4A7C15L + bLo;
        h = h * 0x9E3779B97F4A7C15L + rest;
        h = h * 0x9E3779B97F4A7C15L + (aHi ^ Long.rotateLeft(bHi, 17));
        h *= 0x9E3779B97F4A7C15L;
        int x = (int) (h ^ (h >>> 29));
        return x == 0 ? 1 : x;   // 0 marks a free slot
    }

    private void grow() {
        int[] oldHashes = hashes;
        long[] oldKeys = keys;
        Entry[] oldEntries = entries;
        int n = oldHashes.length * 2;
        hashes = new int[n];
        keys = new long[n * KEY];
        entries = new Entry[n];
        int mask = n - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldHashes[j] == 0) continue;
            int i = oldHashes[j] & mask;
            while (hashes[i] != 0) i = (i + 1) & mask;
            hashes[i] = oldHashes[j];
            System.arraycopy(oldKeys, j * KEY, keys, i * KEY, KEY);
            entries[i] = oldEntries[j];
            entries[i].slot = i;
        }
    }

    private void touch(Entry e) {
        if (e == newest) return;
        unlink(e);
        link(e);
    }

    private void link(Entry e) {
        e.older = newest;
        e.newer = null;
        if (newest != null) newest.newer = e; else oldest = e;
        newest = e;
    }

    private void unlink(Entry e) {
        if (e.older != null) e.older.newer = e.newer; else if (oldest == e) oldest = e.newer;
        if (e.newer != null) e.newer.older = e.older; else if (newest == e) newest = e.older;
        e.older = e.newer = null;
    }
}
