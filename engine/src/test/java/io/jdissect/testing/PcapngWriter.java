package io.jdissect.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes pcapng blocks in memory, in either byte order per section, for tests of the reader. */
public final class PcapngWriter {
    public static final int SHB = 0x0A0D0D0A, IDB = 1, OPB = 2, SPB = 3, EPB = 6;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** Starts a section in this byte order; the interfaces of earlier sections are forgotten. */
    public PcapngWriter section(ByteOrder order) {
        this.order = order;
        ByteBuffer b = body(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(SHB, b.array());
    }

    /**
     * An Interface Description Block; {@code tsresol} &lt; 0 leaves the option out (microseconds), and so does
     * {@code tsoffset} == 0.
     */
    public PcapngWriter interfaceBlock(int linkType, int snaplen, int tsresol, long tsoffset) {
        ByteBuffer b = body(8 + (tsresol >= 0 ? 8 : 0) + (tsoffset != 0 ? 12 : 0) + 4);
        b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol >= 0) b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        if (tsoffset != 0) b.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        b.putShort((short) 0).putShort((short) 0);   // opt_endofopt
        return block(IDB, b.array());
    }

    public PcapngWriter enhanced(int iface, long ticks, byte[] data, int originalLength) {
        ByteBuffer b = body(20 + pad(data.length));
        b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(originalLength).put(data);
        return block(EPB, b.array());
    }

    /** An Enhanced Packet Block whose captured length is larger than its data: consistent block lengths, bad content. */
    public PcapngWriter enhancedCorrupt(int iface, long ticks, byte[] data) {
        ByteBuffer b = body(20 + pad(data.length));
        b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length + 1000).putInt(data.length + 1000).put(data);
        return block(EPB, b.array());
    }

    public PcapngWriter simple(byte[] data, int originalLength) {
        ByteBuffer b = body(4 + pad(data.length));
        b.putInt(originalLength).put(data);
        return block(SPB, b.array());
    }

    /** The obsolete Packet Block (type 2): 16-bit interface id and drops count. */
    public PcapngWriter obsolete(int iface, long ticks, byte[] data) {
        ByteBuffer b = body(20 + pad(data.length));
        b.putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(data.length).putInt(data.length).put(data);
        return block(OPB, b.array());
    }

    public PcapngWriter block(int type, byte[] body) {
        int len = 12 + pad(body.length);
        ByteBuffer b = ByteBuffer.allocate(len).order(order);
        b.putInt(type).putInt(len).put(body);
        b.position(len - 4);
        b.putInt(len);
        out.writeBytes(b.array());
        return this;
    }

    private ByteBuffer body(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    public byte[] bytes() { return out.toByteArray(); }

    public Path write(Path file) {
        return PcapWriter.write(file, bytes());
    }
}
