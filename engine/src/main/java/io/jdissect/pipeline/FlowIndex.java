package io.jdissect.pipeline;

import io.jdissect.packet.PacketView;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Which conversation a packet belongs to: live flows by their endpoints in canonical order (so both directions
 * find one), least recently active first. Holds only what numbering needs (tcp.stream, whether a FIN or RST was
 * seen, when the last packet came), so it is cheap enough to keep in front of the flow work, and looking a packet
 * up allocates nothing (a reused probe key).
 */
final class FlowIndex {
    /** A live conversation as the index sees it. */
    static final class Entry {
        final Key key;
        final long stream;
        /** A FIN or RST was seen: a new SYN on these ports starts a new conversation. */
        boolean ended;
        long lastNanos;
        long lastFrame;

        Entry(Key key, long stream) {
            this.key = key;
            this.stream = stream;
        }
    }

    /** Endpoints, lower one first. Mutable only while it is the probe. */
    static final class Key {
        int version;
        long aHi, aLo, bHi, bLo;
        int aPort, bPort;

        void set(PacketView v) {
            version = v.ipVersion;
            int c = Long.compareUnsigned(v.srcHi, v.dstHi);
            if (c == 0) c = Long.compareUnsigned(v.srcLo, v.dstLo);
            if (c == 0) c = Integer.compare(v.srcPort, v.dstPort);
            if (c <= 0) {
                aHi = v.srcHi; aLo = v.srcLo; aPort = v.srcPort; bHi = v.dstHi; bLo = v.dstLo; bPort = v.dstPort;
            } else {
                aHi = v.dstHi; aLo = v.dstLo; aPort = v.dstPort; bHi = v.srcHi; bLo = v.srcLo; bPort = v.srcPort;
            }
        }

        Key copy() {
            Key k = new Key();
            k.version = version; k.aHi = aHi; k.aLo = aLo; k.aPort = aPort; k.bHi = bHi; k.bLo = bLo; k.bPort = bPort;
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.aLo == aLo && k.bLo == bLo && k.aPort == aPort && k.bPort == bPort
                    && k.aHi == aHi && k.bHi == bHi && k.version == version;
        }

        @Override
        public int hashCode() {
            long h = aLo * 0x9E3779B97F4A7C15L + bLo;
            h = h * 0x9E3779B97F4A7C15L + ((long) aPort << 16 | bPort);
            h = h * 0x9E3779B97F4A7C15L + (aHi ^ Long.rotateLeft(bHi, 17)) + version;
            return (int) (h ^ (h >>> 32));
        }
    }

    private final LinkedHashMap<Key, Entry> map = new LinkedHashMap<>(1024, 0.75f, true);
    private final Key probe = new Key();

    /** The live entry for this packet's endpoints (now the most recently active), or null. */
    Entry get(PacketView v) {
        probe.set(v);
        return map.get(probe);
    }

    /** A new entry for this packet's endpoints (the probe of the last {@link #get}), replacing any other. */
    Entry add(long stream) {
        Entry e = new Entry(probe.copy(), stream);
        map.put(e.key, e);
        return e;
    }

    void remove(Entry e) { map.remove(e.key, e); }

    /** The least recently active entry, or null. */
    Entry oldest() {
        Iterator<Entry> it = map.values().iterator();
        return it.hasNext() ? it.next() : null;
    }

    int size() { return map.size(); }

    /** Live entries, least recently active first. */
    java.util.Collection<Entry> entries() { return map.values(); }
}
