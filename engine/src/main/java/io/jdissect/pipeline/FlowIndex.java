package io.jdissect.pipeline;

import io.jdissect.packet.PacketView;

import java.util.ArrayList;
import java.util.List;

/**
 * Which conversation a packet belongs to: live flows by their endpoints in canonical order (so both directions
 * find one), least recently active first. Holds only what numbering needs (tcp.stream, whether a FIN or RST was
 * seen, when the last packet came), so it is cheap enough to keep in front of the flow work.
 * <p>
 * Every packet looks a flow up, so this is an open-addressing table (linear probing, backward-shift deletion)
 * whose entries carry their endpoints and are linked in order of activity: a lookup hashes primitives, compares
 * fields and moves one entry to the tail, allocating nothing. A {@code LinkedHashMap} with a key object cost a
 * fifth of the read-and-reassemble time.
 */
final class FlowIndex {
    /** A live conversation as the index sees it. */
    static final class Entry {
        final long stream;
        /** A FIN or RST was seen: a new SYN on these ports starts a new conversation. */
        boolean ended;
        long lastNanos;
        long lastFrame;
        // endpoints, lower one first
        private final int version;
        private final long aHi, aLo, bHi, bLo;
        private final int ports;   // aPort << 16 | bPort
        private final int hash;
        private Entry older, newer;

        private Entry(long stream, int version, long aHi, long aLo, long bHi, long bLo, int ports, int hash) {
            this.stream = stream;
            this.version = version;
            this.aHi = aHi;
            this.aLo = aLo;
            this.bHi = bHi;
            this.bLo = bLo;
            this.ports = ports;
            this.hash = hash;
        }
    }

    private Entry[] table = new Entry[1024];
    private int size;
    private Entry oldest, newest;
    // the endpoints of the last get(), in canonical order, for add()
    private int pVersion, pPorts, pHash;
    private long pAHi, pALo, pBHi, pBLo;

    /** The live entry for this packet's endpoints (now the most recently active), or null. */
    Entry get(PacketView v) {
        int c = Long.compareUnsigned(v.srcHi, v.dstHi);
        if (c == 0) c = Long.compareUnsigned(v.srcLo, v.dstLo);
        if (c == 0) c = Integer.compare(v.srcPort, v.dstPort);
        pVersion = v.ipVersion;
        if (c <= 0) {
            pAHi = v.srcHi; pALo = v.srcLo; pBHi = v.dstHi; pBLo = v.dstLo; pPorts = v.srcPort << 16 | v.dstPort;
        } else {
            pAHi = v.dstHi; pALo = v.dstLo; pBHi = v.srcHi; pBLo = v.srcLo; pPorts = v.dstPort << 16 | v.srcPort;
        }
        pHash = hash(pVersion, pAHi, pALo, pBHi, pBLo, pPorts);
        int mask = table.length - 1;
        for (int i = pHash & mask; ; i = (i + 1) & mask) {
            Entry e = table[i];
            if (e == null) return null;
            if (e.hash == pHash && e.aLo == pALo && e.bLo == pBLo && e.ports == pPorts && e.aHi == pAHi
                    && e.bHi == pBHi && e.version == pVersion) {
                touch(e);
                return e;
            }
        }
    }

    /** A new entry for the endpoints of the last {@link #get} (which found none), the most recently active. */
    Entry add(long stream) {
        Entry e = new Entry(stream, pVersion, pAHi, pALo, pBHi, pBLo, pPorts, pHash);
        if ((size + 1) * 2 > table.length) grow();
        insert(table, e);
        size++;
        link(e);
        return e;
    }

    void remove(Entry e) {
        int mask = table.length - 1;
        int i = e.hash & mask;
        while (table[i] != e) {
            if (table[i] == null) return;   // not (or no longer) in the table
            i = (i + 1) & mask;
        }
        // backward-shift deletion: move later members of the probe run into the hole, so no tombstones pile up
        int hole = i;
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = table[j].hash & mask;
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = null;
        size--;
        unlink(e);
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

    private static int hash(int version, long aHi, long aLo, long bHi, long bLo, int ports) {
        long h = aLo * 0x9E3779B97F4A7C15L + bLo;
        h = h * 0x9E3779B97F4A7C15L + ports;
        h = h * 0x9E3779B97F4A7C15L + (aHi ^ Long.rotateLeft(bHi, 17)) + version;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    private static void insert(Entry[] t, Entry e) {
        int mask = t.length - 1;
        int i = e.hash & mask;
        while (t[i] != null) i = (i + 1) & mask;
        t[i] = e;
    }

    private void grow() {
        Entry[] bigger = new Entry[table.length * 2];
        for (Entry e : table) if (e != null) insert(bigger, e);
        table = bigger;
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
