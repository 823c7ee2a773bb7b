package io.jdissect.pipeline;

import io.jdissect.api.Jdissect;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.testing.Collect;
import io.jdissect.testing.Fixtures;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.jdissect.testing.Packets.ACK;
import static io.jdissect.testing.Packets.FIN;
import static io.jdissect.testing.Packets.PSH;
import static io.jdissect.testing.Packets.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** IP fragment reassembly end to end, against tshark (which reassembles IP fragments by default). */
class FragmentsMatchTsharkTest {
    @TempDir
    Path tmp;

    /** frame number -> reassembled payload length, as tshark shows it. */
    private static Map<Long, Long> tsharkReassembled(Path file) {
        Map<Long, Long> m = new TreeMap<>();
        for (String[] f : Tshark.fields(file, "ip.reassembled.length or ipv6.reassembled.length", List.of(),
                "frame.number", "ip.reassembled.length", "ipv6.reassembled.length")) {
            m.put(Long.parseLong(f[0]), Long.parseLong(f[1].isEmpty() ? f[2] : f[1]));
        }
        return m;
    }

    private static Map<Long, Long> ours(Path file) {
        Map<Long, Long> m = new TreeMap<>();
        for (Row r : Collect.rows(file, "packets")) {
            if (r.has("ip.reassembled.length")) m.put(r.number("frame.number"), r.number("ip.reassembled.length"));
        }
        return m;
    }

    @Test
    void realCaptureFromLinuxRouterReassemblesLikeTshark() {
        Path file = Fixtures.capture("ip/fragments-netns.pcap");
        Map<Long, Long> expected = tsharkReassembled(file);
        assertThat(expected).hasSize(7);
        assertThat(ours(file)).isEqualTo(expected);
        List<Row> flows = Collect.rows(file, "flows");
        assertThat(flows).singleElement().satisfies(f -> {
            assertThat(f.number("flow.c2s_bytes")).isEqualTo(20000);
            assertThat(f.number("flow.s2c_bytes")).isEqualTo(3000);
            assertThat(f.number("flow.gaps")).isZero();
        });
        assertThat(Collect.rows(file, "anomalies")).noneMatch(a -> a.string("anomaly.id").startsWith("ip."));
    }

    /** A TCP conversation over IPv4 and one over IPv6 whose data segments arrive as out-of-order fragments. */
    private Path builtCapture() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        long[] t = {1_700_000_000_000_000_000L};
        var add = (java.util.function.Consumer<byte[]>) b -> w.packet(t[0] += 1_000_000, b);
        String c4 = "10.1.0.1", s4 = "10.2.0.1", c6 = "fd00::1", s6 = "fd00::2";
        byte[] up = Packets.pattern(0, 3000), down = Packets.pattern(5000, 2000);

        add.accept(Packets.ipv4(c4, s4, 6, Packets.tcp(40000, 80, 100, 0, SYN, new byte[0])));
        add.accept(Packets.ipv4(s4, c4, 6, Packets.tcp(80, 40000, 900, 101, SYN | ACK, new byte[0])));
        add.accept(Packets.ipv4(c4, s4, 6, Packets.tcp(40000, 80, 101, 901, ACK, new byte[0])));
        byte[] seg = Packets.tcp(40000, 80, 101, 901, PSH | ACK, up);          // 3020 bytes: fragments 0-1200-2400-end
        add.accept(Packets.ipv4(c4, s4, 0x1234, 6, 2400, false, Packets.slice(seg, 2400, seg.length)));
        add.accept(Packets.ipv4(c4, s4, 0x1234, 6, 0, true, Packets.slice(seg, 0, 1200)));
        add.accept(Packets.ipv4(c4, s4, 0x1234, 6, 1200, true, Packets.slice(seg, 1200, 2400)));
        byte[] back = Packets.tcp(80, 40000, 901, 3101, PSH | ACK, down);
        add.accept(Packets.ipv4(s4, c4, 0x99, 6, 0, true, Packets.slice(back, 0, 1000)));
        add.accept(Packets.ipv4(s4, c4, 0x99, 6, 1000, false, Packets.slice(back, 1000, back.length)));
        add.accept(Packets.ipv4(c4, s4, 6, Packets.tcp(40000, 80, 3101, 2901, FIN | ACK, new byte[0])));
        add.accept(Packets.ipv4(s4, c4, 6, Packets.tcp(80, 40000, 2901, 3102, FIN | ACK, new byte[0])));

        add.accept(Packets.ipv6(c6, s6, 6, Packets.tcp(40001, 443, 5, 0, SYN, new byte[0])));
        add.accept(Packets.ipv6(s6, c6, 6, Packets.tcp(443, 40001, 70, 6, SYN | ACK, new byte[0])));
        add.accept(Packets.ipv6(c6, s6, 6, Packets.tcp(40001, 443, 6, 71, ACK, new byte[0])));
        byte[] seg6 = Packets.tcp(40001, 443, 6, 71, PSH | ACK, up);
        add.accept(Packets.ipv6Fragment(c6, s6, 77, 6, 2000, false, Packets.slice(seg6, 2000, seg6.length)));
        add.accept(Packets.ipv6Fragment(c6, s6, 77, 6, 1000, true, Packets.slice(seg6, 1000, 2000)));
        add.accept(Packets.ipv6Fragment(c6, s6, 77, 6, 0, true, Packets.slice(seg6, 0, 1000)));
        add.accept(Packets.ipv6(s6, c6, 6, Packets.tcp(443, 40001, 71, 3006, ACK, new byte[0])));
        return w.write(tmp.resolve("fragments.pcap"));
    }

    @Test
    void builtFragmentsGiveTsharksFlowsAndStreams() throws Exception {
        Path file = builtCapture();
        assertThat(ours(file)).isEqualTo(tsharkReassembled(file)).hasSize(3);
        var cap = Jdissect.open(file);
        List<Long> streams = new ArrayList<>();
        for (Row flow : cap.flows()) {
            long stream = flow.number("tcp.stream");
            streams.add(stream);
            Tshark.Follow t = Tshark.followRaw(file, stream, List.of());
            assertThat(cap.follow(stream, Direction.C2S)).isEqualTo(t.from(flow.string("flow.client")));
            assertThat(cap.follow(stream, Direction.S2C)).isEqualTo(t.from(flow.string("flow.server")));
            assertThat(flow.number("flow.gaps")).isZero();
        }
        assertThat(streams).containsExactly(0L, 1L);
        assertThat(cap.follow(0, Direction.C2S)).isEqualTo(Packets.pattern(0, 3000));
        assertThat(cap.follow(0, Direction.S2C)).isEqualTo(Packets.pattern(5000, 2000));
        assertThat(cap.follow(1, Direction.C2S)).isEqualTo(Packets.pattern(0, 3000));
        assertThat(cap.anomalies().rows()).noneMatch(a -> a.string("anomaly.id").startsWith("ip."));
    }

    @Test
    void conflictingOverlapAndLeftoversBecomeAnomalies() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        byte[] seg = Packets.tcp(40000, 80, 1, 1, PSH | ACK, Packets.pattern(0, 1000));
        byte[] changed = seg.clone();
        changed[600] ^= 1;
        w.packet(1_000_000_000L, Packets.ipv4("10.1.0.1", "10.2.0.1", 5, 6, 0, true, Packets.slice(seg, 0, 800)));
        w.packet(2_000_000_000L, Packets.ipv4("10.1.0.1", "10.2.0.1", 5, 6, 400, false, Packets.slice(changed, 400, seg.length)));
        w.packet(3_000_000_000L, Packets.ipv4("10.1.0.1", "10.2.0.1", 6, 6, 0, true, Packets.slice(seg, 0, 800)));
        w.packet(40_000_000_000L, Packets.ipv4("10.1.0.1", "10.2.0.1", 7, 6, 8, true, Packets.slice(seg, 8, 16)));
        Path file = w.write(tmp.resolve("overlap.pcap"));
        List<Row> anomalies = Collect.rows(file, "anomalies").stream().filter(a -> a.string("anomaly.id").startsWith("ip.")).toList();
        assertThat(anomalies).extracting(a -> a.string("anomaly.id") + "@" + a.number("frame.number"))
                .containsExactly("ip.fragment.overlap@2", "ip.fragment.timeout@4", "ip.fragment.incomplete@4");
        assertThat(anomalies.get(1).string("anomaly.detail")).contains("datagram started in frame 3");
        assertThat(Collect.rows(file, "packets")).filteredOn(r -> r.has("ip.reassembled.length"))
                .extracting(r -> r.number("frame.number")).containsExactly(2L);
    }
}
