package io.jdissect.scripts;

import io.jdissect.testing.Packets;
import io.jdissect.testing.TcpConversation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One TCP conversation (client 10.0.0.1, server 10.0.0.2) for the script tests: handshake, the segments given,
 * FIN both ways. A thin layer over the engine's test writers ({@link TcpConversation}) that counts stream offsets.
 */
final class PcapWriter {
    private final io.jdissect.testing.PcapWriter out = new io.jdissect.testing.PcapWriter(Packets.RAW);
    private final TcpConversation tcp;
    private long clientOffset;
    private long serverOffset;
    private long time = 1_700_000_000_000_000_000L;

    PcapWriter(int clientPort, int serverPort) {
        tcp = new TcpConversation(out, "10.0.0.1", clientPort, "10.0.0.2", serverPort).handshake(tick());
        tick();
        tick();
    }

    private long tick() {
        return time += 1_000_000;
    }

    /** A data segment from the client (true) or the server. */
    PcapWriter send(boolean fromClient, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (fromClient) {
            tcp.c2s(tick(), clientOffset, data);
            clientOffset += data.length;
        } else {
            tcp.s2c(tick(), serverOffset, data);
            serverOffset += data.length;
        }
        return this;
    }

    Path write(Path file) {
        tcp.c2s(tick(), clientOffset, new byte[0], Packets.FIN | Packets.ACK);
        tcp.s2c(tick(), serverOffset, new byte[0], Packets.FIN | Packets.ACK);
        return out.write(file);
    }
}
