package io.jdissect.scripts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic Ethernet/IPv4/TCP pcap of one conversation (client 10.0.0.1, server 10.0.0.2): handshake,
 * the segments given, FIN both ways. Enough for dissector tests; checksums are left zero.
 */
final class PcapWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int clientPort;
    private final int serverPort;
    private long seqC = 1000;
    private long seqS = 5000;
    private long micros;

    PcapWriter(int clientPort, int serverPort) {
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(h.array());
        packet(true, 0x02, new byte[0]);            // SYN
        seqC++;
        packet(false, 0x12, new byte[0]);           // SYN+ACK
        seqS++;
        packet(true, 0x10, new byte[0]);            // ACK
    }

    /** A data segment from the client (true) or the server. */
    PcapWriter send(boolean fromClient, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        packet(fromClient, 0x18, data);
        if (fromClient) seqC += data.length;
        else seqS += data.length;
        return this;
    }

    /** Skips {@code n} bytes of the client's stream, as if those packets were never captured. */
    PcapWriter lose(boolean fromClient, int n) {
        if (fromClient) seqC += n;
        else seqS += n;
        return this;
    }

    Path write(Path file) throws IOException {
        packet(true, 0x11, new byte[0]);            // FIN+ACK
        seqC++;
        packet(false, 0x11, new byte[0]);
        seqS++;
        packet(true, 0x10, new byte[0]);
        Files.write(file, out.toByteArray());
        return file;
    }

    private void packet(boolean fromClient, int flags, byte[] payload) {
        ByteBuffer p = ByteBuffer.allocate(14 + 20 + 20 + payload.length);
        p.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0);
        byte[] c = {10, 0, 0, 1}, s = {10, 0, 0, 2};
        p.put(fromClient ? c : s).put(fromClient ? s : c);
        p.putShort((short) (fromClient ? clientPort : serverPort)).putShort((short) (fromClient ? serverPort : clientPort));
        p.putInt((int) (fromClient ? seqC : seqS)).putInt((int) (flags == 0x02 ? 0 : fromClient ? seqS : seqC));
        p.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        p.put(payload);
        micros += 1000;
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (1_700_000_000 + micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(p.capacity()).putInt(p.capacity());
        out.writeBytes(rec.array());
        out.writeBytes(p.array());
    }
}
