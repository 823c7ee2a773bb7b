package io.jdissect.flow;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The summaries of finished conversations (what the flows rows and the capture index are made of), given back in
 * tcp.stream order. At most {@code maxInMemory} are held as objects: past that, the ones held are sorted and
 * written to a temporary file as one run, so millions of conversations need disk, not heap. Reading merges the runs.
 * {@link #close} deletes the file. One thread adds; {@link #merged} joins those of several threads.
 */
public final class FinishedFlows implements AutoCloseable {
    private static final Comparator<FlowSummary> BY_STREAM = Comparator.comparingLong(FlowSummary::stream);
    /** Conversations not kept at all: the run needs neither flows rows nor an index. */
    public static final FinishedFlows NONE = new FinishedFlows(0, false);

    private final int maxInMemory;
    private final boolean keep;
    private final List<FlowSummary> held = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private final List<FinishedFlows> parts = new ArrayList<>();
    private Path spill;
    private FileChannel spillChannel;
    private DataOutputStream spillOut;
    private long spilledBytes;
    private long size;

    /** A run of {@code count} summaries, sorted, at byte {@code offset} of {@code file}. */
    private record Run(Path file, long offset, long count) { }

    public FinishedFlows(int maxInMemory) {
        this(Math.max(1, maxInMemory), true);
    }

    private FinishedFlows(int maxInMemory, boolean keep) {
        this.maxInMemory = maxInMemory;
        this.keep = keep;
    }

    /** The summaries of several threads' conversations, read as one. */
    public static FinishedFlows merged(List<FinishedFlows> all) {
        FinishedFlows m = new FinishedFlows(1, true);
        for (FinishedFlows f : all) {
            m.parts.add(f);
            m.size += f.size();
        }
        return m;
    }

    public void add(FlowSummary f) {
        if (!keep) return;
        held.add(f);
        size++;
        if (held.size() >= maxInMemory) spillHeld();
    }

    public long size() { return size; }

    private void spillHeld() {
        held.sort(BY_STREAM);
        try {
            if (spill == null) {
                spill = Files.createTempFile("jdissect-flows", ".tmp");
                spill.toFile().deleteOnExit();
                spillChannel = FileChannel.open(spill, StandardOpenOption.WRITE);
                spillOut = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(spillChannel), 1 << 16));
            }
            long start = spilledBytes;
            CountingOutput counter = new CountingOutput(spillOut);
            for (FlowSummary f : held) FlowSummaryCodec.write(counter.data, f);
            counter.data.flush();
            spilledBytes += counter.count;
            runs.add(new Run(spill, start, held.size()));
            held.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill finished flows to a temporary file: " + e.getMessage(), e);
        }
    }

    /** Every summary, in tcp.stream order; may be read more than once. */
    public Iterable<FlowSummary> inStreamOrder() {
        return () -> {
            List<Iterator<FlowSummary>> sources = new ArrayList<>();
            addSources(sources);
            return new Merge(sources);
        };
    }

    private void addSources(List<Iterator<FlowSummary>> sources) {
        for (FinishedFlows p : parts) p.addSources(sources);
        if (!held.isEmpty()) {
            List<FlowSummary> sorted = new ArrayList<>(held);
            sorted.sort(BY_STREAM);
            sources.add(sorted.iterator());
        }
        if (!runs.isEmpty()) {
            try {
                spillOut.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Run r : runs) sources.add(new RunReader(r));
        }
    }

    @Override
    public void close() {
        for (FinishedFlows p : parts) p.close();
        held.clear();
        if (spill == null) return;
        try {
            spillOut.close();
            Files.deleteIfExists(spill);
        } catch (IOException ignored) {
            // a temporary file; deleteOnExit is the fallback
        }
        spill = null;
        runs.clear();
    }

    /** Counts what goes through to the spill file, for the next run's offset. */
    private static final class CountingOutput extends java.io.FilterOutputStream {
        final DataOutputStream data = new DataOutputStream(this);
        long count;

        CountingOutput(java.io.OutputStream out) { super(out); }

        @Override public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static final class RunReader implements Iterator<FlowSummary> {
        private final DataInputStream in;
        private long left;

        RunReader(Run r) {
            try {
                FileChannel ch = FileChannel.open(r.file(), StandardOpenOption.READ).position(r.offset());
                InputStream is = Channels.newInputStream(ch);
                in = new DataInputStream(new BufferedInputStream(is, 1 << 14));
                left = r.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public boolean hasNext() {
            if (left > 0) return true;
            try {
                in.close();
            } catch (IOException ignored) { }
            return false;
        }

        @Override public FlowSummary next() {
            if (left <= 0) throw new NoSuchElementException();
            left--;
            try {
                return FlowSummaryCodec.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read finished flows back: " + e.getMessage(), e);
            }
        }
    }

    /** A k-way merge of sources each in tcp.stream order. */
    private static final class Merge implements Iterator<FlowSummary> {
        private record Head(FlowSummary f, Iterator<FlowSummary> rest) { }

        private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(h -> h.f().stream()));

        Merge(List<Iterator<FlowSummary>> sources) {
            for (Iterator<FlowSummary> s : sources) if (s.hasNext()) heads.add(new Head(s.next(), s));
        }

        @Override public boolean hasNext() { return !heads.isEmpty(); }

        @Override public FlowSummary next() {
            Head h = heads.poll();
            if (h == null) throw new NoSuchElementException();
            if (h.rest().hasNext()) heads.add(new Head(h.rest().next(), h.rest()));
            return h.f();
        }
    }
}
