package io.jdissect.pipeline;

import io.jdissect.testing.TestSettings;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.spi.Row;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.PcapngWriter;
import io.jdissect.testing.TcpConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's limits at their edge, capped and uncapped: each gives an anomaly and the run goes on. */
class EngineLimitsTest {
    private static final long MS = 1_000_000;

    @TempDir Path dir;

    /** Three conversations that overlap in time: a, then b, then c, then a again. */
    private Path threeFlows() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        TcpConversation a = new TcpConversation(w, "10.0.0.1", 40001, "10.0.0.9", 80).handshake(0);
        a.c2s(10 * MS, 0, "aaaa".getBytes());
        new TcpConversation(w, "10.0.0.2", 40002, "10.0.0.9", 80).handshake(20 * MS).c2s(30 * MS, 0, "bbbb".getBytes());
        new TcpConversation(w, "10.0.0.3", 40003, "10.0.0.9", 80).handshake(40 * MS).c2s(50 * MS, 0, "cccc".getBytes());
        a.c2s(60 * MS, 4, "AAAA".getBytes());
        return w.write(dir.resolve("three.pcap"));
    }

    private static CollectingSink analyse(Path file, Config config, int maxRecord) throws Exception {
        CollectingSink sink = new CollectingSink();
        List<CaptureWarning> warnings = new ArrayList<>();
        try (CaptureReader r = Captures.open(file, maxRecord, warnings)) {
            new Analysis(new Registry(List.of()), config, sink).run(r, warnings, Execution.SERIAL);
        }
        return sink;
    }

    @Test
    void flowsAtTheLimitAreAllKept() throws Exception {
        CollectingSink s = analyse(threeFlows(), Config.DEFAULTS.withPref(Limits.TCP_MAX_FLOWS, 3), 1 << 20);
        assertThat(s.rows("flows")).hasSize(3);
        assertThat(s.anomalyIds()).doesNotContain("tcp.flow_evicted");
    }

    @Test
    void oneFlowOverTheLimitFinishesTheIdlest() throws Exception {
        CollectingSink s = analyse(threeFlows(), Config.DEFAULTS.withPref(Limits.TCP_MAX_FLOWS, 2), 1 << 20);
        List<Row> evicted = s.rows("anomalies").stream().filter(r -> "tcp.flow_evicted".equals(r.string("anomaly.id"))).toList();
        // c evicts a (idle since frame 4), a's late segment starts a new flow that evicts b
        assertThat(evicted).extracting(r -> r.number("tcp.stream")).containsExactly(0L, 1L);
        assertThat(evicted.get(0).string("anomaly.detail")).contains("tcp.max_flows").contains("idle since frame 4");
        List<Row> flows = s.rows("flows");
        assertThat(flows).extracting(r -> r.string("flow.client"))
                .containsExactly("10.0.0.1:40001", "10.0.0.2:40002", "10.0.0.3:40003", "10.0.0.1:40001");
        assertThat(flows.get(0).number("flow.c2s_bytes")).isEqualTo(4);
        assertThat(flows.get(3).string("flow.state")).isEqualTo("midstream");
    }

    @Test
    void recordAtTheLimitIsReadAndOneOverIsSkipped() throws Exception {
        PcapWriter w = new PcapWriter(Packets.RAW);
        w.packet(0, Packets.pattern(0, 100)).packet(MS, Packets.pattern(0, 300)).packet(2 * MS, Packets.pattern(0, 100));
        Path f = w.write(dir.resolve("big.pcap"));
        assertThat(analyse(f, Config.DEFAULTS, 300).rows("packets")).hasSize(3);
        CollectingSink capped = analyse(f, Config.DEFAULTS, 299);
        assertThat(capped.rows("packets")).extracting(r -> r.number("frame.number")).containsExactly(1L, 3L);
        assertThat(capped.rows("anomalies")).singleElement().satisfies(r -> {
            assertThat(r.string("anomaly.id")).isEqualTo("frame.capture_damaged");
            assertThat(r.string("anomaly.detail")).contains("frame 2: captured length 300 exceeds frame.max_record_bytes (299); skipped");
        });
    }

    @Test
    void pcapngBlockOverTheLimitIsSkipped() throws Exception {
        Path f = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(Packets.RAW, 65535, -1, 0)
                .enhanced(0, 1, Packets.pattern(0, 100), 100).enhanced(0, 2, Packets.pattern(0, 400), 400)
                .enhanced(0, 3, Packets.pattern(0, 100), 100)
                .enhanced(0, 4, Packets.pattern(0, 352), 352)   // a block of 384 bytes: the record limit plus 128
                .write(dir.resolve("big.pcapng"));
        assertThat(analyse(f, Config.DEFAULTS, 1000).rows("packets")).hasSize(4);
        CollectingSink capped = analyse(f, Config.DEFAULTS, 256);   // a block may be 128 bytes over the record limit
        assertThat(capped.rows("packets")).extracting(r -> r.number("frame.number")).containsExactly(1L, 3L, 4L);
        assertThat(capped.rows("anomalies")).singleElement()
                .satisfies(r -> assertThat(r.string("anomaly.detail")).contains("frame 2 block (type 0x6)").contains("skipped"));
    }

    @Test
    void retransmissionWithOtherBytesIsAnOverlapConflictUnlessNotCompared() throws Exception {
        PcapWriter w = new PcapWriter(Packets.RAW);
        new TcpConversation(w, "10.0.0.1", 40001, "10.0.0.9", 80).handshake(0)
                .c2s(MS, 0, "data".getBytes()).c2s(2 * MS, 0, "data".getBytes()).c2s(3 * MS, 0, "DATA".getBytes());
        Path f = w.write(dir.resolve("retx-conflict.pcap"));
        CollectingSink s = analyse(f, Config.DEFAULTS, 1 << 20);
        assertThat(s.anomalyIds()).containsExactly("tcp.retransmission", "tcp.retransmission", "tcp.overlap_conflict");
        assertThat(s.rows("anomalies").get(2)).satisfies(r -> {
            assertThat(r.number("frame.number")).isEqualTo(6);
            assertThat(r.string("anomaly.detail")).contains("4 overlapping bytes differ; first copy kept");
        });
        assertThat(s.rows("flows").get(0).number("flow.c2s_bytes")).isEqualTo(4);
        assertThat(analyse(f, Config.DEFAULTS.withPref(Limits.TCP_RETRANSMISSION_CHECK, 0), 1 << 20).anomalyIds())
                .containsExactly("tcp.retransmission", "tcp.retransmission");
    }

    @Test
    void anomaliesPerFlowAtTheLimitAndOver() throws Exception {
        PcapWriter w = new PcapWriter(Packets.RAW);
        TcpConversation c = new TcpConversation(w, "10.0.0.1", 40001, "10.0.0.9", 80).handshake(0).c2s(MS, 0, "data".getBytes());
        for (int i = 0; i < 5; i++) c.c2s((2 + i) * MS, 0, "data".getBytes());   // five retransmissions
        Path f = w.write(dir.resolve("retx.pcap"));
        List<String> all = analyse(f, Config.DEFAULTS.withPref(Limits.MAX_ANOMALIES_PER_FLOW, 5), 1 << 20).anomalyIds();
        assertThat(all).containsOnly("tcp.retransmission").hasSize(5);
        CollectingSink capped = analyse(f, Config.DEFAULTS.withPref(Limits.MAX_ANOMALIES_PER_FLOW, 4), 1 << 20);
        assertThat(capped.anomalyIds()).hasSize(4);
        assertThat(capped.rows("anomalies").get(3).string("anomaly.detail")).contains("limit anomaly.max_per_flow reached");
    }

    @Test
    void rowsKeptAtTheLimitAndOver() {
        Path f = threeFlows();
        Capture all = Jdissect.open(f, TestSettings.of(Config.DEFAULTS));
        int total = all.packets().size() + all.flows().size() + all.anomalies().size();
        assertThat(all.droppedRows()).isZero();
        assertThat(Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref(Limits.REPL_MAX_ROWS, total))).anomalies().rows()).isEmpty();
        Capture capped = Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref(Limits.REPL_MAX_ROWS, total - 2)));
        // flow rows come last, so they are the ones dropped
        assertThat(capped.packets().size()).isEqualTo(all.packets().size());
        assertThat(capped.flows().size()).isEqualTo(all.flows().size() - 2);
        assertThat(capped.droppedRows()).isEqualTo(2);
        assertThat(capped.anomalies().rows()).singleElement().satisfies(r -> {
            assertThat(r.string("anomaly.id")).isEqualTo("frame.rows_not_kept");
            assertThat(r.string("anomaly.detail")).isEqualTo("2 rows over repl.max_rows = " + (total - 2) + " were not kept");
        });
    }

    @Test
    void badPreferencesAreOneClearErrorBeforeReading() {
        Path f = dir.resolve("never-read.pcap");
        assertThatThrownBy(() -> Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref(Limits.TCP_MAX_HELD, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tcp.max_held_bytes must be at least 1, not 0");
        assertThatThrownBy(() -> Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref(Limits.TCP_MAX_FLOWS, -5))))
                .hasMessage("tcp.max_flows must be at least 1, not -5");
        assertThatThrownBy(() -> Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref("tcp.max_hold_bytes", 10))))
                .hasMessageStartingWith("unknown preference 'tcp.max_hold_bytes'; tcp has ").hasMessageContaining("tcp.max_held_bytes");
        assertThatThrownBy(() -> Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref(Limits.MAX_RECORD, 1L << 40))))
                .hasMessageStartingWith("frame.max_record_bytes must be at most ");
        // zero has a meaning here (never time out), and is accepted
        assertThat(Jdissect.open(f, TestSettings.of(Config.DEFAULTS.withPref(Limits.TCP_IDLE_TIMEOUT, 0)))).isNotNull();
    }

    @Test
    void everyEngineLimitIsDeclaredOnceWithItsDefaultInRange() {
        Registry r = new Registry(List.of());
        assertThat(r.prefs().keySet()).contains(Limits.TCP_MAX_HELD.id(), Limits.TCP_MAX_HELD_TOTAL.id(), Limits.TCP_MAX_FLOWS.id(),
                Limits.TCP_IDLE_TIMEOUT.id(), Limits.MAX_RECORD.id(), Limits.MAX_ANOMALIES_PER_FLOW.id(), Limits.IP_FRAGMENT_MAX_DATAGRAM.id(),
                Limits.IP_FRAGMENT_MAX_HELD.id(), Limits.IP_FRAGMENT_MAX_DATAGRAMS.id(), Limits.IP_FRAGMENT_TIMEOUT.id(), Limits.REPL_MAX_ROWS.id());
        r.prefs().values().forEach(p -> assertThat(p.problem(p.defaultValue())).isNull());
    }
}
