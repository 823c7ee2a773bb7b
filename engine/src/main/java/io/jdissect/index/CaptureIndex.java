package io.jdissect.index;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.capture.RawPacket;
import io.jdissect.capture.RecordRuns;
import io.jdissect.flow.FlowSummary;
import io.jdissect.pipeline.KnownStreams;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;

/** A capture file's index, loaded: its conversations, and the packet table for reading some of them again. */
public final class CaptureIndex {

    private final Path file;
    private final long tableAt;                // where the packet table starts in the index file
    private final IndexFormat.Header header;
    private final List<FlowSummary> flows;
    private byte[] table;                      // read when first needed: a flows query never needs it

    private CaptureIndex(Path file, long tableAt, IndexFormat.Header header, List<FlowSummary> flows) {
        this.file = file;
        this.tableAt = tableAt;
        this.header = header;
        this.flows = flows;
    }

    /** The packet table, read from the index file on first use. */
    private byte[] table() {
        if (table == null) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) header.tableBytes());
                while (b.hasRemaining() && ch.read(b, tableAt + b.position()) > 0) { }
                if (b.hasRemaining()) throw new IllegalStateException("index " + file + " ends inside its packet table");
                table = b.array();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read index " + file, e);
            }
        }
        return table;
    }

    /** The index in {@code file} if it describes {@code key}; null otherwise (absent, stale, other settings, damaged). */
    static CaptureIndex load(Path file, IndexKey key) {
        if (!Files.isRegularFile(file)) return null;
        try (java.io.InputStream raw = Files.newInputStream(file)) {
            CountingInput counted = new CountingInput(new BufferedInputStream(raw, 1 << 16));
            DataInputStream d = new DataInputStream(counted);
            IndexFormat.Header h = IndexFormat.readHeader(d);
            if (h == null || !h.key().equals(key) || h.tableBytes() > Integer.MAX_VALUE - 16) return null;
            long tableAt = counted.count;
            d.skipNBytes(h.tableBytes());
            List<FlowSummary> flows = IndexFormat.readFlows(d);
            flows.sort(Comparator.comparingLong(FlowSummary::stream));
            return new CaptureIndex(file, tableAt, h, List.copyOf(flows));
        } catch (IOException | RuntimeException e) {
            return null;   // a damaged index is as good as none: the capture is read in full and the index rewritten
        }
    }

    /** Counts the bytes read through it, so the header's length is known without a format of fixed size. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(java.io.InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }

    /** Every conversation of the capture, in tcp.stream order, as a full read would list them. */
    public List<FlowSummary> flows() { return flows; }

    public long packets() { return header.packets(); }

    /**
     * Whether reading only some conversations gives exactly their rows of a full read; not when the full read
     * reassembled IP fragments (fragments carry no ports), filled its flow table, or skipped records.
     */
    public boolean replayable() { return header.notReplayable().isEmpty(); }

    /** Why {@link #replayable()} is false, or "". */
    public String notReplayable() { return header.notReplayable(); }

    /** How many packets belong to the conversations {@code keep} accepts, plus every packet of no conversation. */
    public long packetsOf(LongPredicate keep) {
        Varints.Reader r = new Varints.Reader(table());
        long n = 0;
        while (r.more()) {
            long stream = r.next() - 1;
            r.next();
            r.next();
            if (stream < 0 || keep.test(stream)) n++;
        }
        return n;
    }

    /**
     * Reads the packets of the conversations {@code keep} accepts, and every packet of no conversation, from
     * {@code capture} (the file this index describes), with their frame numbers and tcp.stream of the full read.
     */
    public KnownStreams replay(Path capture, LongPredicate keep, int maxRecord, List<CaptureWarning> warnings) throws CaptureException {
        int n = (int) Math.min(Integer.MAX_VALUE - 16, packetsOf(keep));
        long[] frames = new long[n], offsets = new long[n], streams = new long[n];
        RecordRuns runs = new RecordRuns();
        Varints.Reader r = new Varints.Reader(table());
        long end = 0;
        long frame = 0;
        int k = 0;
        while (r.more() && k < n) {
            long stream = r.next() - 1;
            long offset = end + r.next();
            long length = r.next();
            if (offset > end) runs.add(end, offset);   // the file header, pcapng section and interface blocks
            end = offset + length;
            frame++;
            if (stream >= 0 && !keep.test(stream)) continue;
            runs.add(offset, end);
            frames[k] = frame;
            offsets[k] = offset;
            streams[k++] = stream;
        }
        CaptureReader in = Captures.openRuns(capture, runs, maxRecord, warnings);
        return new Replay(in, frames, offsets, streams, k);
    }

    /** The selected records, renumbered as in the file. */
    private static final class Replay implements KnownStreams {
        private final CaptureReader in;
        private final long[] frames, offsets, streams;
        private final int count;
        private int i = -1;

        Replay(CaptureReader in, long[] frames, long[] offsets, long[] streams, int count) {
            this.in = in;
            this.frames = frames;
            this.offsets = offsets;
            this.streams = streams;
            this.count = count;
        }

        @Override
        public RawPacket next() throws CaptureException {
            if (i + 1 >= count) return null;
            RawPacket p = in.next();
            if (p == null) {
                throw new CaptureException(in.name(), offsets[i + 1], "the capture changed since it was indexed: frame "
                        + frames[i + 1] + " is missing; delete the index or touch the file");
            }
            i++;
            return new RawPacket(frames[i], p.timestampNanos(), p.linkType(), p.interfaceId(), p.originalLength(), p.data(), offsets[i]);
        }

        @Override public long stream() { return i >= 0 ? streams[i] : -1; }

        @Override public String name() { return in.name(); }

        @Override public String format() { return in.format(); }

        @Override public void close() throws IOException { in.close(); }
    }
}
