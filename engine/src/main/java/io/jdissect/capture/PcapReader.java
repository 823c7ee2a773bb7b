package io.jdissect.capture;

import io.jdissect.bytes.ByteView;

import java.util.List;

/** Classic libpcap format: both byte orders, micro- and nanosecond timestamps. */
final class PcapReader implements CaptureReader {
    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final CaptureInput in;
    private final List<CaptureWarning> warnings;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snaplen;
    private long number;

    PcapReader(CaptureInput in, List<CaptureWarning> warnings) throws CaptureException {
        this.in = in;
        this.warnings = warnings;
        int got = in.ensure(FILE_HEADER);
        if (got < FILE_HEADER) {
            throw new CaptureException(in.name(), in.offset() + got, "truncated pcap file header: expected 24 bytes, file has " + got);
        }
        ByteView h = in.view(0, FILE_HEADER);
        long be = h.u32be(0);
        if (be == (MAGIC_US & 0xffffffffL) || be == (MAGIC_NS & 0xffffffffL)) {
            bigEndian = true;
            nanos = be == (MAGIC_NS & 0xffffffffL);
        } else {
            bigEndian = false;
            nanos = h.u32le(0) == (MAGIC_NS & 0xffffffffL);
        }
        snaplen = u32(h, 16);
        // the upper bits of the link-type field carry FCS information (pcap spec "LinkType and additional information")
        linkType = (int) (u32(h, 20) & 0x03ffffff);
        in.skip(FILE_HEADER);
    }

    private long u32(ByteView v, int i) {
        return bigEndian ? v.u32be(i) : v.u32le(i);
    }

    @Override
    public RawPacket next() throws CaptureException {
        while (true) {
            RawPacket p = record();
            if (p != SKIPPED) return p;
        }
    }

    /** Stands for a record stepped over because it was larger than the limit (the file itself is fine). */
    private static final RawPacket SKIPPED = new RawPacket(0, 0, 0, 0, 0, ByteView.EMPTY, 0);

    private RawPacket record() throws CaptureException {
        long at = in.offset();
        int got = in.ensure(RECORD_HEADER);
        if (got == 0) return null;
        if (got < RECORD_HEADER) {
            throw new CaptureException(in.name(), at, "truncated record header of frame " + (number + 1)
                    + ": expected 16 bytes, file ends after " + got);
        }
        long sec = in.u32(0, bigEndian);
        long frac = in.u32(4, bigEndian);
        long incl = in.u32(8, bigEndian);
        long orig = in.u32(12, bigEndian);
        long max = Math.max(in.maxRecord(), snaplen);
        if (incl > max || incl > Integer.MAX_VALUE - 64) {
            throw new CaptureException(in.name(), at, "corrupt record header of frame " + (number + 1)
                    + ": captured length " + incl + " exceeds the limit of " + max + " bytes");
        }
        if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            throw new CaptureException(in.name(), at, "corrupt record header of frame " + (number + 1)
                    + ": sub-second timestamp " + frac + " out of range");
        }
        if (incl > in.maxRecord()) {
            // within the file's own snaplen, so the file is sound: only this record is too big to hold
            long skipped = in.skipLong(RECORD_HEADER + incl);
            if (skipped < RECORD_HEADER + incl) {
                throw new CaptureException(in.name(), at, "truncated packet data of frame " + (number + 1)
                        + ": record header says " + incl + " bytes, file ends after " + (skipped - RECORD_HEADER));
            }
            number++;
            warnings.add(new CaptureWarning(at, "frame " + number + ": captured length " + incl + " exceeds "
                    + "frame.max_record_bytes (" + in.maxRecord() + "); skipped"));
            return SKIPPED;
        }
        int len = (int) incl;
        int have = in.ensure(RECORD_HEADER + len);
        if (have < RECORD_HEADER + len) {
            throw new CaptureException(in.name(), at, "truncated packet data of frame " + (number + 1)
                    + ": record header says " + len + " bytes, file ends after " + (have - RECORD_HEADER));
        }
        ByteView data = in.view(RECORD_HEADER, len);
        in.skip(RECORD_HEADER + len);
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        number++;
        return new RawPacket(number, ts, linkType, 0, (int) Math.min(Integer.MAX_VALUE, Math.max(orig, len)), data, at, RECORD_HEADER + len);
    }

    @Override
    public String name() { return in.name(); }

    @Override
    public String format() { return nanos ? "pcap (nanosecond)" : "pcap"; }

    @Override
    public void close() { in.close(); }
}
