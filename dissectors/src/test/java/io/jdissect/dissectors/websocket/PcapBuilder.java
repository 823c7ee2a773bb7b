package io.jdissect.dissectors.websocket;

import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.TcpConversation;

import java.nio.file.Path;

/**
 * A small synthetic capture (IPv4, TCP without SYN) for scenarios no real capture has, e.g. a server on an
 * ephemeral port, so the engine guesses client and server the wrong way round. A thin layer over the engine's
 * test writers ({@link TcpConversation}) that counts each side's stream offset.
 */
final class PcapBuilder {
    private final PcapWriter out = new PcapWriter(Packets.RAW);
    private final TcpConversation tcp;
    private final long[] offset = new long[2];
    private long time = 1_700_000_000_000_000_000L;

    /** A conversation between 10.0.0.1:portA and 10.0.0.2:portB. */
    PcapBuilder(int portA, int portB) {
        tcp = new TcpConversation(out, "10.0.0.1", portA, "10.0.0.2", portB);
    }

    /** One segment from A (true) or from B, carrying {@code payload}. */
    PcapBuilder segment(boolean fromA, byte[] payload) {
        int i = fromA ? 0 : 1;
        time += 1_000_000;
        if (fromA) tcp.c2s(time, offset[i], payload);
        else tcp.s2c(time, offset[i], payload);
        offset[i] += payload.length;
        return this;
    }

    Path write(Path file) {
        return out.write(file);
    }
}
