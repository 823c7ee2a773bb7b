package io.jdissect.index;

import io.jdissect.flow.Endpoint;
import io.jdissect.flow.FlowState;
import io.jdissect.flow.FlowSummary;

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

    static void writeFlows(DataOutputStream d, List<FlowSummary> flows) throws IOException {
        d.writeInt(flows.size());
        for (FlowSummary f : flows) {
            d.writeLong(f.stream());
            d.writeLong(f.firstFrame());
            writeEndpoint(d, f.client());
            writeEndpoint(d, f.server());
            writeText(d, f.protocol());
            writeText(d, f.protocols());
            for (int i = 0; i < 2; i++) {
                d.writeLong(f.packets()[i]);
                d.writeLong(f.tcpBytes()[i]);
                d.writeLong(f.reassembled()[i]);
            }
            d.writeLong(f.gapBytes());
            d.writeUTF(f.state().name());
            d.writeLong(f.startNanos());
            d.writeLong(f.endNanos());
        }
    }

    static List<FlowSummary> readFlows(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0) throw new IOException("negative flow count");
        List<FlowSummary> flows = new ArrayList<>(Math.min(n, 1 << 20));
        for (int k = 0; k < n; k++) {
            long stream = d.readLong(), first = d.readLong();
            Endpoint client = readEndpoint(d), server = readEndpoint(d);
            String protocol = readText(d), protocols = readText(d);
            long[] packets = new long[2], bytes = new long[2], reassembled = new long[2];
            for (int i = 0; i < 2; i++) {
                packets[i] = d.readLong();
                bytes[i] = d.readLong();
                reassembled[i] = d.readLong();
            }
            long gaps = d.readLong();
            FlowState state = FlowState.valueOf(d.readUTF());
            flows.add(new FlowSummary(stream, first, client, server, protocol, protocols, packets, bytes, reassembled,
                    gaps, state, d.readLong(), d.readLong()));
        }
        return flows;
    }

    private static void writeEndpoint(DataOutputStream d, Endpoint e) throws IOException {
        d.writeByte(e.version());
        d.writeLong(e.hi());
        d.writeLong(e.lo());
        d.writeShort(e.port());
    }

    private static Endpoint readEndpoint(DataInputStream d) throws IOException {
        return new Endpoint(d.readUnsignedByte(), d.readLong(), d.readLong(), d.readUnsignedShort());
    }

    private static void writeText(DataOutputStream d, String s) throws IOException {
        d.writeBoolean(s != null);
        if (s != null) d.writeUTF(s);
    }

    private static String readText(DataInputStream d) throws IOException {
        return d.readBoolean() ? d.readUTF() : null;
    }
}
