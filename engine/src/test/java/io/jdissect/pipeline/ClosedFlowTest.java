package io.jdissect.pipeline;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.Captures;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.TcpConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation's dissector ends when both FINs are reached (or at a reset), not when the flow leaves the table
 * at its idle timeout: thousands of closed flows do not keep their dissectors' state, and what a dissector says at
 * its end carries the closing packet's frame. The flow itself still counts late packets.
 */
class ClosedFlowTest {
    private static final long MS = 1_000_000;

    @TempDir Path dir;

    /** Records, for each flow, the bytes it was given and the frame at which it ended. */
    private static final class Recorder implements Dissector {
        final List<String> events = new ArrayList<>();
        int limitsMade;

        @Override public String id() { return "recorder"; }

        @Override public String description() { return "test"; }

        @Override public List<FieldDef> fields() { return List.of(); }

        @Override
        public void handoff(Handoff h) {
            h.tcpPort(80, ctx -> {
                ctx.perAnalysis(StringBuilder.class, c -> {   // stands for a dissector's limits, read from the prefs
                    limitsMade++;
                    return new StringBuilder();
                });
                return decoder(ctx);
            });
        }

        private StreamDecoder decoder(io.jdissect.spi.StreamContext ctx) {
            return new StreamDecoder() {
                @Override public void onData(Direction d, ByteView data) { events.add(ctx.stream() + " data " + data.latin1()); }

                @Override public void onGap(Direction d, long length) { }

                @Override public void onEnd() { events.add(ctx.stream() + " end at frame " + ctx.frame()); }
            };
        }
    }

    @Test
    void theDissectorEndsAtTheCloseAndLatePacketsStillCount() throws Exception {
        PcapWriter w = new PcapWriter(Packets.RAW);
        TcpConversation a = new TcpConversation(w, "10.0.0.1", 40001, "10.0.0.9", 80).handshake(0);   // frames 1-3
        a.c2s(10 * MS, 0, "GET".getBytes());                                                          // 4
        a.s2c(20 * MS, 0, "OK".getBytes(), Packets.ACK | Packets.FIN);                                // 5
        a.c2s(30 * MS, 3, new byte[0], Packets.ACK | Packets.FIN);                                   // 6: both FINs
        TcpConversation b = new TcpConversation(w, "10.0.0.2", 40002, "10.0.0.9", 80).handshake(40 * MS);   // 7-9
        a.c2s(50 * MS, 0, "GET".getBytes());                                                          // 10: late copy
        b.c2s(60 * MS, 0, "PUT".getBytes());                                                          // 11
        Recorder rec = new Recorder();
        CollectingSink sink = new CollectingSink();
        try (CaptureReader r = Captures.open(w.write(dir.resolve("closed.pcap")))) {
            new Analysis(new Registry(List.of(rec)), Config.DEFAULTS, sink).run(r, new ArrayList<>(), Execution.SERIAL);
        }
        assertThat(rec.events).containsExactly("0 data GET", "0 data OK", "0 end at frame 6", "1 data PUT", "1 end at frame 11");
        assertThat(sink.rows("flows").get(0).number("flow.packets")).as("the late copy still counts").isEqualTo(7);
        assertThat(sink.anomalyIds()).contains("tcp.retransmission");
        assertThat(rec.limitsMade).as("worked out once for both flows").isEqualTo(1);
    }
}
