package io.jdissect.index;

import io.jdissect.capture.RawPacket;
import io.jdissect.flow.FinishedFlows;
import io.jdissect.pipeline.PacketLog;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Builds an index while a capture is read: each packet's conversation and record position go to a packet table
 * on disk as they come (a few bytes a packet, nothing held in memory), the conversations' summaries at the end.
 * Only {@link #commit()} makes the index visible, with an atomic rename, so a run that fails or stops early
 * leaves none behind.
 */
public final class IndexWriter implements PacketLog {
    private static final int RECORD_HEADER = 16;

    private final Path target;
    private final IndexKey key;
    private final Path table;
    private final OutputStream out;
    private long packets;
    private long end;   // where the previous packet's record ended
    private String notReplayable = "";
    private Path flowsTable;
    private IOException failure;
    private final byte[] buffer = new byte[64 << 10];
    private int pending;

    IndexWriter(Path target, IndexKey key) throws IOException {
        this.target = target;
        this.key = key;
        Files.createDirectories(target.getParent());
        this.table = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".packets.tmp");
        this.out = Files.newOutputStream(table);
    }

    /**
     * Per packet: its tcp.stream + 1 (0 for none), the bytes since the previous packet's record (the file header,
     * pcapng section and interface blocks: a replay always reads those), and its record's length.
     */
    @Override
    public void packet(RawPacket p, long stream) {
        int length = p.recordLength() > 0 ? p.recordLength() : RECORD_HEADER + p.data().length();
        if (pending > buffer.length - 3 * Varints.MAX_BYTES) drain();
        pending = Varints.put(buffer, pending, stream + 1);
        pending = Varints.put(buffer, pending, p.fileOffset() - end);
        pending = Varints.put(buffer, pending, length);
        end = p.fileOffset() + length;
        packets++;
    }

    /** The table goes out in 64 KiB writes: a stream call per varint cost a tenth of the indexing run. */
    private void drain() {
        if (failure == null && pending > 0) {
            try {
                out.write(buffer, 0, pending);
            } catch (IOException e) {
                failure = e;
            }
        }
        pending = 0;
    }

    @Override
    public void notReplayable(String why) {
        if (notReplayable.isEmpty()) notReplayable = why;
    }

    /** The flows table goes to its own temporary file now: the summaries may not outlive this call. */
    @Override
    public void finished(FinishedFlows summaries) {
        try {
            flowsTable = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".flows.tmp");
            try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(flowsTable), 1 << 16))) {
                IndexFormat.writeFlows(d, summaries.size(), summaries.inStreamOrder());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Writes the index (the run read the whole capture without damage); false when it could not be written. */
    public boolean commit() {
        try {
            drain();
            out.close();
            if (failure != null || flowsTable == null) return false;
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                IndexFormat.writeHeader(d, key, notReplayable, packets, Files.size(table));
                Files.copy(flowsTable, d);
                try (InputStream in = Files.newInputStream(table)) {   // last: a flows query stops before it
                    in.transferTo(d);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;   // an index is an optimisation: a run never fails for want of one
        } finally {
            abort();
        }
    }

    /** Drops what was written so far. */
    public void abort() {
        try {
            out.close();
        } catch (IOException ignored) { }
        try {
            Files.deleteIfExists(table);
            if (flowsTable != null) Files.deleteIfExists(flowsTable);
        } catch (IOException ignored) { }
    }
}
