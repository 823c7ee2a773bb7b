package io.jdissect.pipeline;

import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.Captures;
import io.jdissect.spi.Row;
import io.jdissect.testing.Collect;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.TcpConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.jdissect.testing.Packets.ACK;
import static io.jdissect.testing.Packets.FIN;
import static io.jdissect.testing.Packets.RST;
import static org.assertj.core.api.Assertions.assertThat;

/** Flow rows, idle timeout and the held-bytes limit across flows, through the whole pipeline. */
class FlowLifecycleTest {
    private static final long S = 1_000_000_000L, T0 = 1_700_000_000L * S;
    private static final byte[] NONE = new byte[0];

    @TempDir
    Path tmp;

    private static Row flow(List<Row> flows, long stream) {
        return flows.stream().filter(r -> r.number("tcp.stream") == stream).findFirst().orElseThrow();
    }

    @Test
    void flowRowsCountReassembledBytesGapsStateAndTimes() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        new TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80).handshake(T0)
                .c2s(T0 + S, 0, Packets.pattern(0, 100))
                .c2s(T0 + 2 * S, 0, Packets.pattern(0, 100))          // retransmission: counted in flow.bytes only
                .s2c(T0 + 3 * S, 50, Packets.pattern(50, 30))         // a hole of 50 bytes, never filled
                .c2s(T0 + 4 * S, 100, NONE, FIN | ACK)
                .s2c(T0 + 5 * S, 80, NONE, FIN | ACK)
                .c2s(T0 + 5 * S + 500_000_000L, 101, NONE, ACK);
        new TcpConversation(w, "10.0.0.1", 40001, "10.0.0.2", 80).handshake(T0 + 10 * S)
                .c2s(T0 + 11 * S, 0, Packets.pattern(0, 10))
                .s2c(T0 + 12 * S, 0, NONE, RST | ACK)
                .c2s(T0 + 13 * S, 10, NONE, FIN | ACK);              // nothing after a reset reopens it
        new TcpConversation(w, "10.0.0.3", 50000, "10.0.0.2", 443).c2s(T0 + 20 * S, 0, Packets.pattern(0, 7));
        new TcpConversation(w, "10.0.0.4", 50001, "10.0.0.2", 443).handshake(T0 + 30 * S);
        new TcpConversation(w, "10.0.0.5", 50002, "10.0.0.2", 443).c2s(T0 + 40 * S, 0, NONE, io.jdissect.testing.Packets.SYN);
        List<Row> flows = Collect.rows(w.write(tmp.resolve("flows.pcap")), "flows");
        assertThat(flows).extracting(r -> r.number("tcp.stream")).containsExactly(0L, 1L, 2L, 3L, 4L);

        Row a = flow(flows, 0);
        assertThat(a.string("flow.client")).isEqualTo("10.0.0.1:40000");
        assertThat(a.number("flow.bytes")).isEqualTo(230);
        assertThat(a.number("flow.c2s_bytes")).isEqualTo(100);
        assertThat(a.number("flow.s2c_bytes")).isEqualTo(30);
        assertThat(a.number("flow.gaps")).isEqualTo(50);
        assertThat(a.number("flow.c2s_packets")).isEqualTo(6);
        assertThat(a.number("flow.s2c_packets")).isEqualTo(3);
        assertThat(a.string("flow.state")).isEqualTo("closed");
        assertThat(a.number("flow.start")).isEqualTo(T0);
        assertThat(a.number("flow.end")).isEqualTo(T0 + 5 * S + 500_000_000L);
        assertThat((Double) a.get("flow.duration")).isEqualTo(5.5);

        assertThat(flow(flows, 1).string("flow.state")).isEqualTo("reset");
        assertThat(flow(flows, 1).number("flow.c2s_bytes")).isEqualTo(10);
        assertThat(flow(flows, 2).string("flow.state")).isEqualTo("midstream");
        assertThat(flow(flows, 2).number("flow.c2s_bytes")).isEqualTo(7);
        assertThat((Double) flow(flows, 2).get("flow.duration")).isEqualTo(0.0);
        assertThat(flow(flows, 3).string("flow.state")).isEqualTo("established");
        assertThat(flow(flows, 4).string("flow.state")).isEqualTo("syn-sent");
    }

    @Test
    void idleFlowIsFinishedAtItsLastPacketAndItsRowKept() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        TcpConversation a = new TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80);
        a.handshake(T0).c2s(T0 + S, 10, Packets.pattern(10, 10));   // held behind a hole
        new TcpConversation(w, "10.0.0.9", 40009, "10.0.0.2", 80).handshake(T0 + 700 * S);
        a.c2s(T0 + 701 * S, 20, Packets.pattern(20, 5));           // the same ports again, after the timeout
        List<Row> rows = Collect.rows(w.write(tmp.resolve("idle.pcap")), null);
        List<String> seen = new ArrayList<>();
        for (Row r : rows) {
            if (r.source().equals("anomalies") && r.string("anomaly.id").equals("tcp.gap")) seen.add("gap@" + r.number("frame.number"));
            if (r.source().equals("packets") && r.number("frame.number") == 5) seen.add("packet 5");
        }
        assertThat(seen).containsExactly("gap@4", "packet 5");     // finished before the packet that found it idle
        List<Row> flows = rows.stream().filter(r -> r.source().equals("flows")).toList();
        assertThat(flows).extracting(r -> r.number("tcp.stream") + " " + r.string("flow.client"))
                .containsExactly("0 10.0.0.1:40000", "1 10.0.0.9:40009", "2 10.0.0.1:40000");
        assertThat(flows.get(0).number("flow.gaps")).isEqualTo(10);
        assertThat(flows.get(0).number("flow.c2s_bytes")).isEqualTo(10);
        assertThat(flows.get(0).number("flow.end")).isEqualTo(T0 + S);

        List<Row> kept = Collect.rows(tmp.resolve("idle.pcap"), "flows", Config.DEFAULTS.withPref(Limits.TCP_IDLE_TIMEOUT, 0));
        assertThat(kept).hasSize(2);                               // 0: no timeout, one flow as tshark sees it
    }

    @Test
    void longCaptureRunsWithABoundedFlowTable() throws Exception {
        PcapWriter w = new PcapWriter(Packets.RAW);
        for (int i = 0; i < 2000; i++) {
            new TcpConversation(w, "10.1." + (i / 250) + "." + (i % 250 + 1), 40000 + i % 20000, "10.0.0.2", 80)
                    .handshake(T0 + i * S).c2s(T0 + i * S + 5000, 0, Packets.pattern(i, 20));
        }
        Path file = w.write(tmp.resolve("many.pcap"));
        List<Row> flows = new ArrayList<>();
        RowSink sink = new RowSink() {
            @Override public boolean wants(String s) { return s.equals("flows"); }

            @Override public void accept(Row row) { flows.add(row); }
        };
        Analysis.Live an = new Analysis(Registry.load(), Config.DEFAULTS.withPref(Limits.TCP_IDLE_TIMEOUT, 10), sink).live();
        int most = 0;
        try (CaptureReader r = Captures.open(file)) {
            io.jdissect.capture.RawPacket p;
            while ((p = r.next()) != null) {
                an.packet(p);
                most = Math.max(most, an.liveFlows());
            }
        }
        an.finish();
        assertThat(most).isLessThanOrEqualTo(12);
        assertThat(flows).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(flows.get(i).number("tcp.stream")).isEqualTo(i);
            assertThat(flows.get(i).number("flow.c2s_bytes")).isEqualTo(20);
        }
    }

    @Test
    void heldBytesLimitAcrossFlowsGivesUpTheHoleOfTheFlowThatCrossedIt() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        TcpConversation a = new TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80);
        TcpConversation b = new TcpConversation(w, "10.0.0.3", 40001, "10.0.0.2", 80);
        a.handshake(T0);
        b.handshake(T0 + 10_000);
        a.c2s(T0 + S, 10, Packets.pattern(10, 60));       // a holds 60
        b.c2s(T0 + 2 * S, 10, Packets.pattern(10, 40));   // 100 held: at the limit
        b.c2s(T0 + 3 * S, 60, Packets.pattern(60, 1));    // 101: b, which crossed it, gives up its hole
        a.c2s(T0 + 4 * S, 0, Packets.pattern(0, 10));     // a's hole fills in time
        b.c2s(T0 + 5 * S, 0, Packets.pattern(0, 10));     // too late for b
        Path file = w.write(tmp.resolve("held.pcap"));
        Config capped = Config.DEFAULTS.withPref(Limits.TCP_MAX_HELD_TOTAL, 100);
        List<Row> flows = Collect.rows(file, "flows", capped);
        assertThat(flows.get(0).number("flow.gaps")).isZero();
        assertThat(flows.get(0).number("flow.c2s_bytes")).isEqualTo(70);
        assertThat(flows.get(1).number("flow.gaps")).isEqualTo(10 + 10);   // the hole, then 50..60 at the end
        assertThat(Collect.rows(file, "anomalies", capped)).filteredOn(r -> r.string("anomaly.id").equals("tcp.limit_exceeded"))
                .singleElement().satisfies(r -> {
                    assertThat(r.number("tcp.stream")).isEqualTo(1);
                    assertThat(r.number("frame.number")).isEqualTo(9);
                });
        List<Row> uncapped = Collect.rows(file, "flows", Config.DEFAULTS.withPref(Limits.TCP_MAX_HELD_TOTAL, 101));
        assertThat(uncapped.get(1).number("flow.gaps")).isEqualTo(10);      // only 50..60, at the end
    }

    /**
     * tcp.stream across port reuse, as tshark numbers it: a client's SYN sent again after FIN/FIN/ACK with the same
     * initial sequence number belongs to the old connection; a SYN with a new one starts a new connection, whether the
     * old one closed or not.
     */
    @Test
    void portReuseIsDecidedByTheInitialSequenceNumberAsTsharkDoes() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        TcpConversation a = new TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80, 1000, 5000);
        a.handshake(T0).c2s(T0 + S, 0, Packets.pattern(0, 10)).c2s(T0 + 2 * S, 10, NONE, FIN | ACK)
                .s2c(T0 + 3 * S, 0, NONE, FIN | ACK).c2s(T0 + 4 * S, 11, NONE, ACK);
        a.c2s(T0 + 5 * S, -1, NONE, Packets.SYN);                                      // the old SYN again: same ISN
        TcpConversation b = new TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80, 900_000, 7000);
        b.handshake(T0 + 6 * S).c2s(T0 + 7 * S, 0, Packets.pattern(0, 5));           // a new ISN after close
        TcpConversation c = new TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80, 2_000_000, 9000);
        c.handshake(T0 + 8 * S).c2s(T0 + 9 * S, 0, Packets.pattern(0, 5));           // a new ISN, b never closed
        Path file = w.write(tmp.resolve("reuse.pcap"));
        List<String> tshark = io.jdissect.testing.Tshark.fields(file, null, List.of(), "frame.number", "tcp.stream").stream()
                .map(f -> f[0] + ":" + f[1]).toList();
        List<String> ours = Collect.rows(file, "packets").stream().map(r -> r.number("frame.number") + ":" + r.number("tcp.stream")).toList();
        assertThat(ours).isEqualTo(tshark);
        assertThat(ours).last().isEqualTo("16:2");
    }
}
