package io.jdissect.ip;

import io.jdissect.bytes.ByteView;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IPv4 and IPv6 fragment reassembly within {@link FragmentLimits}. Datagrams are kept in arrival order of
 * their first fragment, so the oldest is found first for eviction and timeout. A dropped datagram stays as
 * an empty tombstone until it times out, so its remaining fragments are ignored quietly instead of starting
 * a datagram that can never complete.
 */
public final class IpFragments implements FragmentReassembler {
    private final FragmentLimits limits;
    private final FragmentEvents events;
    private final LinkedHashMap<FragmentKey, Datagram> pending = new LinkedHashMap<>();
    private long held;

    public IpFragments(FragmentLimits limits, FragmentEvents events) {
        this.limits = limits;
        this.events = events;
    }

    @Override
    public ByteView ipv4(FragmentHeader h, int id, int offset, boolean more, ByteView fragment, int announced) {
        FragmentKey key = new FragmentKey(4, 0, h.srcLo(), 0, h.dstLo(), id, h.ipProtocol());
        return fragment(key, h, offset, more, fragment, announced);
    }

    @Override
    public ByteView ipv6(FragmentHeader h, long id, int offset, boolean more, ByteView fragment, int announced) {
        FragmentKey key = new FragmentKey(6, h.srcHi(), h.srcLo(), h.dstHi(), h.dstLo(), id, -1);
        return fragment(key, h, offset, more, fragment, announced);
    }

    private ByteView fragment(FragmentKey key, FragmentHeader h, int offset, boolean more, ByteView data, int announced) {
        expire(h.timestampNanos());
        Datagram d = pending.get(key);
        if (d == null) d = start(key, h);
        if (d.dropped) return null;
        int end = offset + announced;
        if (data.length() < announced) {
            drop(key, d, FragmentProblem.TRUNCATED, "fragment at offset " + offset + " has " + data.length()
                    + " of " + announced + " bytes captured; datagram dropped");
            return null;
        }
        if (end > limits.maxDatagramBytes()) {
            drop(key, d, FragmentProblem.LIMIT, "fragment ends at " + end + ", beyond the limit of "
                    + limits.maxDatagramBytes() + " bytes per datagram; datagram dropped");
            return null;
        }
        if (!more && !lastFragment(key, d, end)) return null;
        if (d.total >= 0 && end > d.total) {
            events.report(FragmentProblem.OVERLAP, d.firstFrame, "fragment at offset " + offset + " ends at " + end
                    + ", beyond the datagram end " + d.total + "; the excess is ignored");
            end = Math.max(offset, d.total);
            data = data.slice(0, end - offset);
        }
        if (offset == 0) d.protocol = h.ipProtocol();
        held += d.reserve(end, limits.maxDatagramBytes());
        int conflicts = d.add(offset, data.slice(0, end - offset));
        if (conflicts > 0) {
            events.report(FragmentProblem.OVERLAP, d.firstFrame, conflicts + " overlapping bytes differ at offset "
                    + offset + " (frame " + h.frame() + "); first copy kept");
        }
        if (held > limits.maxHeldBytes()) evictForBytes(key, d);
        if (d.dropped || !d.complete()) return null;
        pending.remove(key);
        held -= d.held();
        if (key.version() == 6) h.ipProtocol(d.protocol);
        return d.payload();
    }

    /** Records the datagram's end; false when it contradicts bytes already seen (the datagram is then dropped). */
    private boolean lastFragment(FragmentKey key, Datagram d, int end) {
        if (d.total < 0) {
            if (d.end() > end) {
                drop(key, d, FragmentProblem.OVERLAP, "last fragment ends at " + end + " but bytes up to " + d.end()
                        + " were seen; datagram dropped");
                return false;
            }
            d.total = end;
        } else if (d.total != end) {
            events.report(FragmentProblem.OVERLAP, d.firstFrame, "last fragments disagree on the datagram end ("
                    + d.total + " and " + end + "); first kept");
        }
        return true;
    }

    private Datagram start(FragmentKey key, FragmentHeader h) {
        if (pending.size() >= limits.maxDatagrams()) {
            Iterator<Map.Entry<FragmentKey, Datagram>> it = pending.entrySet().iterator();
            Datagram oldest = it.next().getValue();
            it.remove();
            held -= oldest.held();
            if (!oldest.dropped) {
                events.report(FragmentProblem.LIMIT, oldest.firstFrame, "more than " + limits.maxDatagrams()
                        + " datagrams in reassembly; the oldest was dropped");
            }
        }
        Datagram d = new Datagram(h.frame(), h.timestampNanos());
        pending.put(key, d);
        return d;
    }

    /** Over the global byte limit: drops the oldest datagrams, possibly {@code current}, until it fits. */
    private void evictForBytes(FragmentKey current, Datagram d) {
        for (Map.Entry<FragmentKey, Datagram> e : pending.entrySet()) {
            if (held <= limits.maxHeldBytes()) return;
            if (e.getValue().dropped || e.getValue() == d) continue;
            drop(e.getKey(), e.getValue(), FragmentProblem.LIMIT, "fragment buffers over " + limits.maxHeldBytes()
                    + " bytes; the oldest datagram was dropped");
        }
        if (held > limits.maxHeldBytes()) {
            drop(current, d, FragmentProblem.LIMIT, "fragment buffers over " + limits.maxHeldBytes() + " bytes; datagram dropped");
        }
    }

    private void drop(FragmentKey key, Datagram d, FragmentProblem why, String detail) {
        events.report(why, d.firstFrame, detail);
        held -= d.held();
        d.release();
        d.dropped = true;
    }

    @Override
    public void expire(long nowNanos) {
        Iterator<Datagram> it = pending.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (nowNanos - d.firstNanos <= limits.timeoutNanos()) return;
            it.remove();
            held -= d.held();
            if (!d.dropped) {
                events.report(FragmentProblem.TIMEOUT, d.firstFrame, "not complete " + limits.timeoutNanos() / 1_000_000_000.0
                        + " s after its first fragment (" + d.missing() + "); dropped");
            }
        }
    }

    @Override
    public void finish() {
        for (Datagram d : pending.values()) {
            if (!d.dropped) {
                events.report(FragmentProblem.INCOMPLETE, d.firstFrame, "capture ended with the datagram incomplete ("
                        + d.missing() + ")");
            }
        }
        pending.clear();
        held = 0;
    }

    /** Buffer bytes held now, for tests and limits. */
    public long heldBytes() { return held; }

    /** Datagrams in progress (tombstones included). */
    public int inProgress() { return pending.size(); }
}
