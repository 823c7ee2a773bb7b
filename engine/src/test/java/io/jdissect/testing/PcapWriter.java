package io.jdissect.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a classic little-endian, nanosecond pcap in memory, for captures built by tests. */
public final class PcapWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PcapWriter(int linkType) {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.writeBytes(h.array());
    }

    public PcapWriter packet(long timestampNanos, byte[] data) {
        return packet(timestampNanos, data, data.length);
    }

    /** A record of which only the first {@code captured} bytes are kept, as snaplen would cut it. */
    public PcapWriter packet(long timestampNanos, byte[] data, int captured) {
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L))
                .putInt(captured).putInt(data.length);
        out.writeBytes(h.array());
        out.write(data, 0, captured);
        return this;
    }

    public byte[] bytes() { return out.toByteArray(); }

    public Path write(Path file) {
        return write(file, bytes());
    }

    /** Writes a test capture's bytes to {@code file} (for this writer and {@link PcapngWriter}). */
    static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
