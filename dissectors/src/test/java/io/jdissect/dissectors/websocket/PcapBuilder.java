package io.jdissect.dissectors.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small synthetic pcap (Ethernet, IPv4, TCP without SYN) for scenarios no real capture has, e.g.
 * a server on an ephemeral port, so the engine guesses client and server the wrong way round.
 */
final class PcapBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int portA, portB;
    private final long[] seq = {1000, 500_000};
    private long micros = 1_700_000_000_000_000L;

    /** A conversation between 10.0.0.1:portA and 10.0.0.2:portB. */
    PcapBuilder(int portA, int portB) {
        this.portA = portA;
        this.portB = portB;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.writeBytes(h.array());
    }

    /** One segment from A (true) or from B, carrying {@code payload}. */
    PcapBuilder segment(boolean fromA, byte[] payload) {
        int i = fromA ? 0 : 1;
        ByteBuffer p = ByteBuffer.allocate(54 + payload.length);
        p.put(new byte[]{2, 0, 0, 0, 0, (byte) (fromA ? 2 : 1), 2, 0, 0, 0, 0, (byte) (fromA ? 1 : 2)}).putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(new byte[]{10, 0, 0, (byte) (fromA ? 1 : 2)}).put(new byte[]{10, 0, 0, (byte) (fromA ? 2 : 1)});
        p.putShort((short) (fromA ? portA : portB)).putShort((short) (fromA ? portB : portA))
                .putInt((int) seq[i]).putInt((int) seq[1 - i]).put((byte) 0x50).put((byte) 0x18).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0);
        p.put(payload);
        seq[i] += payload.length;
        micros += 1000;
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(p.capacity()).putInt(p.capacity());
        out.writeBytes(r.array());
        out.writeBytes(p.array());
        return this;
    }

    Path write(Path file) {
        try {
            Files.write(file, out.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
