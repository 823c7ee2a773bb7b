package io.jdissect.index;

import io.jdissect.flow.Endpoint;
import io.jdissect.flow.FlowState;
import io.jdissect.flow.FlowSummary;
import io.jdissect.flow.FlowSummaryCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The index file: a header (magic, format version, the {@link IndexKey}, whether a partial replay is faithful,
 * packet count, the packet table's length), every conversation's summary, then the packet table, which fills the
 * rest of the file (a query that needs only the flows reads none of it). Big-endian, Java data streams.
 */
final class IndexFormat {
    static final int MAGIC = 0x4a445831;   // "JDX1"

    private IndexFormat() { }

    static void writeHeader(DataOutputStream d, IndexKey key, String notReplayable, long packets, long tableBytes) throws IOException {
        d.writeInt(MAGIC);
        d.writeInt(IndexKey.VERSION);
        d.writeLong(key.size());
        d.writeLong(key.modified());
        d.writeUTF(key.fileKey());
        d.writeUTF(key.fingerprint());
        d.writeUTF(notReplayable);
        d.writeLong(packets);
        d.writeLong(tableBytes);
    }

    /** The header; null when the file is no index of this version. */
    static Header readHeader(DataInputStream d) throws IOException {
        if (d.readInt() != MAGIC || d.readInt() != IndexKey.VERSION) return null;
        IndexKey key = new IndexKey(d.readLong(), d.readLong(), d.readUTF(), d.readUTF());
        return new Header(key, d.readUTF(), d.readLong(), d.readLong());
    }

    record Header(IndexKey key, String notReplayable, long packets, long tableBytes) { }

    static void writeFlows(DataOutputStream d, long count, Iterable<FlowSummary> flows) throws IOException {
        if (count > Integer.MAX_VALUE) throw new IOException("too many flows for an index: " + count);
        d.writeInt((int) count);
        for (FlowSummary f : flows) FlowSummaryCodec.write(d, f);
    }

    static List<FlowSummary> readFlows(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0) throw new IOException("negative flow count");
        List<FlowSummary> flows = new ArrayList<>(Math.min(n, 1 << 20));
        for (int k = 0; k < n; k++) flows.add(FlowSummaryCodec.read(d));
        return flows;
    }
}
