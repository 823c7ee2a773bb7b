package io.jdissect.flow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A {@link FlowSummary} as bytes: the capture index's flows table, and finished flows spilled to disk. */
public final class FlowSummaryCodec {
    private FlowSummaryCodec() { }

    public static void write(DataOutput d, FlowSummary f) throws IOException {
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

    public static FlowSummary read(DataInput d) throws IOException {
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
        FlowState state;
        try {
            state = FlowState.valueOf(d.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown flow state", e);
        }
        return new FlowSummary(stream, first, client, server, protocol, protocols, packets, bytes, reassembled,
                gaps, state, d.readLong(), d.readLong());
    }

    private static void writeEndpoint(DataOutput d, Endpoint e) throws IOException {
        d.writeByte(e.version());
        d.writeLong(e.hi());
        d.writeLong(e.lo());
        d.writeShort(e.port());
    }

    private static Endpoint readEndpoint(DataInput d) throws IOException {
        return new Endpoint(d.readUnsignedByte(), d.readLong(), d.readLong(), d.readUnsignedShort());
    }

    private static void writeText(DataOutput d, String s) throws IOException {
        d.writeBoolean(s != null);
        if (s != null) d.writeUTF(s);
    }

    private static String readText(DataInput d) throws IOException {
        return d.readBoolean() ? d.readUTF() : null;
    }
}
