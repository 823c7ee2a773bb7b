package io.jdissect.scripts;

import io.jdissect.testing.Packets;
import io.jdissect.testing.TcpConversation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP conversations (client 10.0.0.1, server 10.0.0.2) for the script tests: handshake, the segments given,
 * FIN both ways. A thin layer over the engine's test writers ({@link TcpConversation}) that counts stream offsets.
 * {@link #then} starts another conversation in the same file; segments go to the latest one.
 */
final class PcapWriter {
    private final io.jdissect.testing.PcapWriter out = new io.jdissect.testing.PcapWriter(Packets.RAW);
    private final List<Conv> conversations = new ArrayList<>();
    private long time = 1_700_000_000_000_000_000L;

    private static final class Conv {
        final TcpConversation tcp;
        long clientOffset;
        long serverOffset;

        Conv(TcpConversation tcp) { this.tcp = tcp; }
    }

    PcapWriter(int clientPort, int serverPort) {
        then(clientPort, serverPort);
    }

    /** Another conversation, after the ones so far (they stay open until {@link #write}). */
    PcapWriter then(int clientPort, int serverPort) {
        conversations.add(new Conv(new TcpConversation(out, "10.0.0.1", clientPort, "10.0.0.2", serverPort).handshake(tick())));
        tick();
        tick();
        return this;
    }

    private long tick() {
        return time += 1_000_000;
    }

    /** A data segment from the client (true) or the server, in the latest conversation. */
    PcapWriter send(boolean fromClient, String text) {
        Conv c = conversations.getLast();
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (fromClient) {
            c.tcp.c2s(tick(), c.clientOffset, data);
            c.clientOffset += data.length;
        } else {
            c.tcp.s2c(tick(), c.serverOffset, data);
            c.serverOffset += data.length;
        }
        return this;
    }

    Path write(Path file) {
        for (Conv c : conversations) {
            c.tcp.c2s(tick(), c.clientOffset, new byte[0], Packets.FIN | Packets.ACK);
            c.tcp.s2c(tick(), c.serverOffset, new byte[0], Packets.FIN | Packets.ACK);
        }
        return out.write(file);
    }
}
