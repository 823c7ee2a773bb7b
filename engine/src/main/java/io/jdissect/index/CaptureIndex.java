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
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            IndexFormat.Header h = IndexFormat.readHeader(d);
            if (h == null || !h.key().equals(key) || h.tableBytes() > Integer.MAX_VALUE - 16) return null;
            List<FlowSummary> flows = IndexFormat.readFlows(d);
            d.skipNBytes(h.tableBytes());   // the packet table is exactly the rest of the file (a seek, not a read)
            if (d.read() != -1) return null;
            flows.sort(Comparator.comparingLong(FlowSummary::stream));
            long tableAt = Files.size(file) - h.tableBytes();
            return new CaptureIndex(file, tableAt, h, List.copyOf(flows));
        } catch (IOException | RuntimeException e) {
            return null;   // a damaged index is as good as none: the capture is read in full and the index rewritten
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

    /** The packets a replay reads: where they are in the file and what the full read numbered them. */
    public static final class Selection {
        private final RecordRuns runs = new RecordRuns();
        private long[] frames = new long[1024], offsets = new long[1024], streams = new long[1024];
        private int count, analysed;

        private void add(long frame, long offset, long stream) {
            if (stream != TIME_ONLY) analysed++;
            if (count == frames.length) {
                frames = java.util.Arrays.copyOf(frames, count * 2);
                offsets = java.util.Arrays.copyOf(offsets, count * 2);
                streams = java.util.Arrays.copyOf(streams, count * 2);
            }
            frames[count] = frame;
            offsets[count] = offset;
            streams[count++] = stream;
        }

        /** The packets a replay analyses (records read for their time alone are not counted). */
        public int packets() { return analysed; }
    }

    /**
     * The packets of the conversations {@code keep} accepts and every packet of no conversation, with the bytes
     * between packets (the file header; pcapng section, interface and other blocks), in one pass over the packet
     * table; null as soon as there are more than {@code max} of them (a full read is then as good).
     */
    public Selection select(LongPredicate keep, long max) {
        Selection s = new Selection();
        Varints.Reader r = new Varints.Reader(table());
        long end = 0;
        long frame = 0;
        long previousOffset = 0;
        boolean previousSelected = true;
        while (r.more()) {
            long stream = r.next() - 1;
            long offset = end + r.next();
            long length = r.next();
            frame++;
            boolean selected = stream < 0 || keep.test(stream);
            if (selected || !previousSelected) {
                if (s.count >= max || s.count >= Integer.MAX_VALUE - 16) return null;
            }
            if (selected && !previousSelected) {
                // the record before is read for its time alone: frame.time_delta counts from it as in a full read
                s.runs.add(previousOffset, end);
                s.add(frame - 1, previousOffset, TIME_ONLY);
            }
            if (offset > end) s.runs.add(end, offset);
            end = offset + length;
            previousOffset = offset;
            previousSelected = selected;
            if (!selected) continue;
            s.runs.add(offset, end);
            s.add(frame, offset, stream);
        }
        return s;
    }

    /** A record of the selection read only for its time stamp (the one before a selected packet), never analysed. */
    private static final long TIME_ONLY = Long.MIN_VALUE;

    /** How many packets {@link #select} would pick (for tests). */
    long packetsOf(LongPredicate keep) {
        return select(keep, Long.MAX_VALUE).packets();
    }

    /** Reads the selected packets from {@code capture} (the file this index describes), numbered as the full read did. */
    public KnownStreams replay(Path capture, Selection s, int maxRecord, List<CaptureWarning> warnings) throws CaptureException {
        CaptureReader in = Captures.openRuns(capture, s.runs, maxRecord, warnings);
        return new Replay(in, s.frames, s.offsets, s.streams, s.count);
    }

    /** The selected records, renumbered as in the file. */
    private static final class Replay implements KnownStreams {
        private final CaptureReader in;
        private final long[] frames, offsets, streams;
        private final int count;
        private int i = -1;
        private long lastFrame = -1, lastTimestamp, previousTimestamp;

        Replay(CaptureReader in, long[] frames, long[] offsets, long[] streams, int count) {
            this.in = in;
            this.frames = frames;
            this.offsets = offsets;
            this.streams = streams;
            this.count = count;
        }

        @Override
        public RawPacket next() throws CaptureException {
            while (true) {
                if (i + 1 >= count) return null;
                RawPacket p = in.next();
                if (p == null) {
                    throw new CaptureException(in.name(), offsets[i + 1], "the capture changed since it was indexed: frame "
                            + frames[i + 1] + " is missing; delete the index or touch the file");
                }
                i++;
                boolean follows = lastFrame == frames[i] - 1;
                previousTimestamp = follows ? lastTimestamp : p.timestampNanos();
                lastFrame = frames[i];
                lastTimestamp = p.timestampNanos();
                if (streams[i] == TIME_ONLY) continue;
                return new RawPacket(frames[i], p.timestampNanos(), p.linkType(), p.interfaceId(), p.originalLength(), p.data(),
                        offsets[i], p.recordLength());
            }
        }

        @Override public long stream() { return i >= 0 ? streams[i] : -1; }

        @Override public long previousTimestamp() { return previousTimestamp; }

        @Override public String name() { return in.name(); }

        @Override public String format() { return in.format(); }

        @Override public void close() throws IOException { in.close(); }
    }
}
