package io.jdissect.capture;

import io.jdissect.bytes.ByteView;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: several sections and interfaces, both byte orders, Enhanced/Simple/obsolete Packet Blocks,
 * if_tsresol (10^-n and 2^-n) and if_tsoffset. Blocks of unknown type are skipped by their length, and so
 * are packet blocks whose content is bad but whose length fields agree (with a {@link CaptureWarning}).
 * Interface ids are those of the block's section, as tshark shows them.
 */
final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1, OPB = 2, SPB = 3, EPB = 6;
    private static final int BOM = 0x1A2B3C4D;

    private record Iface(int linkType, long snaplen, int tsresol, long tsoffsetSec) { }

    private final CaptureInput in;
    private final List<Iface> ifaces = new ArrayList<>();
    private final List<CaptureWarning> warnings;
    private boolean bigEndian;
    private long number;
    private long lastTimestamp;

    PcapngReader(CaptureInput in, List<CaptureWarning> warnings) throws CaptureException {
        this.in = in;
        this.warnings = warnings;
    }

    private long u32(ByteView v, int i) { return bigEndian ? v.u32be(i) : v.u32le(i); }

    private int u16(ByteView v, int i) { return bigEndian ? v.u16be(i) : v.u16le(i); }

    @Override
    public RawPacket next() throws CaptureException {
        while (true) {
            long at = in.offset();
            int got = in.ensure(12);
            if (got == 0) return null;
            if (got < 12) throw new CaptureException(in.name(), at, "truncated block header: expected 12 bytes, file ends after " + got);
            ByteView h = in.view(0, 12);
            long typeBe = h.u32be(0);
            if (typeBe == (SHB & 0xffffffffL)) {
                long bom = h.u32be(8);
                if (bom == BOM) bigEndian = true;
                else if (h.u32le(8) == BOM) bigEndian = false;
                else throw new CaptureException(in.name(), at + 8, "corrupt section header block: bad byte-order magic 0x" + Long.toHexString(bom));
                ifaces.clear();
            }
            long type = u32(h, 0);
            long blockLen = u32(h, 4);
            if (blockLen < 12 || (blockLen & 3) != 0) {
                throw new CaptureException(in.name(), at + 4, "corrupt block header: block length " + blockLen
                        + " (must be a multiple of 4, at least 12)");
            }
            if (blockLen > in.maxRecord() + (long) CaptureInput.HEADROOM) {
                skipBlock(at, type, blockLen);
                continue;
            }
            int len = (int) blockLen;
            int have = in.ensure(len);
            if (have < len) {
                throw new CaptureException(in.name(), at, "truncated block (type 0x" + Long.toHexString(type) + "): header says "
                        + len + " bytes, file ends after " + have);
            }
            ByteView b = in.view(0, len);
            if (u32(b, len - 4) != blockLen) {
                throw new CaptureException(in.name(), at + len - 4, "corrupt block: trailing length " + u32(b, len - 4)
                        + " differs from leading length " + blockLen);
            }
            in.skip(len);
            ByteView body = b.slice(8, len - 12);
            RawPacket p = switch ((int) type) {
                case SHB -> null;
                case IDB -> { readIdb(body, at); yield null; }
                case EPB -> readEpb(body, at, len);
                case SPB -> readSpb(body, at, len);
                case OPB -> readOpb(body, at, len);
                default -> null;   // unknown or uninteresting block: skipped by its length
            };
            if (p != null) return p;
        }
    }

    /** Steps over a block too big to hold, checking its trailing length so that a corrupt length still stops here. */
    private void skipBlock(long at, long type, long blockLen) throws CaptureException {
        long skipped = in.skipLong(blockLen - 4);
        int got = skipped < blockLen - 4 ? 0 : in.ensure(4);
        if (got < 4) {
            throw new CaptureException(in.name(), at, "truncated block (type 0x" + Long.toHexString(type) + "): header says "
                    + blockLen + " bytes, file ends after " + (skipped + got));
        }
        long trailing = u32(in.view(0, 4), 0);
        if (trailing != blockLen) {
            throw new CaptureException(in.name(), at + blockLen - 4, "corrupt block: trailing length " + trailing
                    + " differs from leading length " + blockLen);
        }
        in.skip(4);
        String what = "block (type 0x" + Long.toHexString(type) + ")";
        if (type == EPB || type == SPB || type == OPB) what = "frame " + (++number) + " " + what;   // keep tshark's numbering
        if (type == IDB) ifaces.add(new Iface(-1, 0, 6, 0));   // keep later interface ids in place
        warnings.add(new CaptureWarning(at, what + " of " + blockLen + " bytes exceeds frame.max_record_bytes ("
                + in.maxRecord() + "); skipped"));
    }

    private void readIdb(ByteView body, long at) {
        if (body.length() < 8) {
            warnings.add(new CaptureWarning(at, "interface description block too short (" + body.length() + " bytes)"));
            ifaces.add(new Iface(-1, 0, 6, 0));
            return;
        }
        int lt = u16(body, 0);
        long snap = u32(body, 4);
        int tsresol = 6;
        long tsoffset = 0;
        int p = 8;
        while (p + 4 <= body.length()) {
            int code = u16(body, p), olen = u16(body, p + 2);
            if (code == 0 || p + 4 + olen > body.length()) break;
            if (code == 9 && olen >= 1) tsresol = body.u8(p + 4);
            if (code == 14 && olen >= 8) tsoffset = bigEndian ? body.u64be(p + 4) : body.u64le(p + 4);
            p += 4 + ((olen + 3) & ~3);
        }
        int iface = ifaces.size();
        if ((tsresol & 0x80) == 0 ? tsresol > 18 : (tsresol & 0x7f) > 62) {
            warnings.add(new CaptureWarning(at, "interface " + iface + ": if_tsresol " + tsresol + " is finer than any clock ("
                    + ((tsresol & 0x80) == 0 ? "10^-" + tsresol : "2^-" + (tsresol & 0x7f)) + " s); microseconds assumed"));
            tsresol = 6;
        }
        if (tsoffset > MAX_OFFSET_SECONDS || tsoffset < -MAX_OFFSET_SECONDS) {
            warnings.add(new CaptureWarning(at, "interface " + iface + ": if_tsoffset " + tsoffset
                    + " s is out of any time's range (nanoseconds since 1970 fit in 64 bits until 2262); ignored"));
            tsoffset = 0;
        }
        ifaces.add(new Iface(lt, snap, tsresol, tsoffset));
    }

    private Iface iface(long id, long at) {
        if (id < 0 || id >= ifaces.size()) {
            warnings.add(new CaptureWarning(at, "packet block names interface " + id + " but only " + ifaces.size() + " are described; skipped"));
            return null;
        }
        return ifaces.get((int) id);
    }

    private RawPacket readEpb(ByteView body, long at, int blockLength) {
        if (body.length() < 20) { warnings.add(new CaptureWarning(at, "enhanced packet block too short; skipped")); return null; }
        Iface f = iface(u32(body, 0), at);
        if (f == null) return null;
        long ts = (u32(body, 4) << 32) | u32(body, 8);
        long cap = u32(body, 12), orig = u32(body, 16);
        if (cap > body.length() - 20) {
            warnings.add(new CaptureWarning(at, "enhanced packet block: captured length " + cap + " exceeds the block; skipped"));
            return null;
        }
        lastTimestamp = timestamp(f, ts, at);
        return new RawPacket(++number, lastTimestamp, f.linkType, (int) u32(body, 0), wireLength(orig, cap),
                body.slice(20, (int) cap), at, blockLength);
    }

    private RawPacket readOpb(ByteView body, long at, int blockLength) {
        if (body.length() < 20) { warnings.add(new CaptureWarning(at, "packet block too short; skipped")); return null; }
        Iface f = iface(u16(body, 0), at);
        if (f == null) return null;
        long ts = (u32(body, 4) << 32) | u32(body, 8);
        long cap = u32(body, 12), orig = u32(body, 16);
        if (cap > body.length() - 20) { warnings.add(new CaptureWarning(at, "packet block: captured length exceeds the block; skipped")); return null; }
        lastTimestamp = timestamp(f, ts, at);
        return new RawPacket(++number, lastTimestamp, f.linkType, u16(body, 0), wireLength(orig, cap), body.slice(20, (int) cap), at, blockLength);
    }

    private RawPacket readSpb(ByteView body, long at, int blockLength) {
        Iface f = iface(0, at);
        if (f == null || body.length() < 4) return null;
        long orig = u32(body, 0);
        long cap = Math.min(orig, body.length() - 4);
        if (f.snaplen > 0) cap = Math.min(cap, f.snaplen);
        // a Simple Packet Block has no time stamp (tshark shows none); the previous packet's keeps capture-time
        // clocks (timeouts, durations) from jumping back to 1970
        return new RawPacket(++number, lastTimestamp, f.linkType, 0, wireLength(orig, cap), body.slice(4, (int) cap), at, blockLength);
    }

    /** The original length as an int: a 32-bit field may claim up to 4 GiB, which no frame.len can be. */
    private static int wireLength(long orig, long cap) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(orig, cap));
    }

    /** Seconds of if_tsoffset whose nanoseconds fit in a long. */
    private static final long MAX_OFFSET_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    /**
     * A packet's time in nanoseconds; one that does not fit in 64 bits (ticks the interface's resolution cannot mean)
     * is said, and the previous packet's time kept, so clocks neither wrap nor jump.
     */
    private long timestamp(Iface f, long ticks, long at) {
        try {
            return nanos(f, ticks);
        } catch (ArithmeticException e) {
            warnings.add(new CaptureWarning(at, "frame " + (number + 1) + ": time stamp " + Long.toUnsignedString(ticks)
                    + " in units of if_tsresol " + f.tsresol + " is past the year 2262; the previous packet's time is used"));
            return lastTimestamp;
        }
    }

    /** @throws ArithmeticException when the time does not fit in a long of nanoseconds */
    static long nanos(Iface f, long ticks) {
        long off = f.tsoffsetSec * 1_000_000_000L;
        int r = f.tsresol;
        if (ticks < 0) throw new ArithmeticException("unsigned ticks past 2^63");
        if ((r & 0x80) == 0) {
            if (r <= 9) return Math.addExact(off, Math.multiplyExact(ticks, pow10(9 - r)));
            return Math.addExact(off, ticks / pow10(r - 9));
        }
        int exp = r & 0x7f;
        return Math.addExact(off, BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exp).longValueExact());
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) v *= 10;
        return v;
    }

    @Override
    public String name() { return in.name(); }

    @Override
    public String format() { return "pcapng"; }

    @Override
    public void close() { in.close(); }
}
