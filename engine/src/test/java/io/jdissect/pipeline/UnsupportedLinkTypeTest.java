package io.jdissect.pipeline;

import io.jdissect.spi.Row;
import io.jdissect.testing.Collect;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.PcapngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Packets of link types the engine does not decode: counted, and reported once per interface. */
class UnsupportedLinkTypeTest {
    private static final int USER0 = 147, USER1 = 148;

    @TempDir
    Path tmp;

    private static List<Row> unsupported(Path file) {
        return Collect.rows(file, "anomalies").stream()
                .filter(a -> a.string("anomaly.id").equals("frame.unsupported_linktype")).toList();
    }

    @Test
    void pcapOfAnUnsupportedLinkTypeGivesOneAnomalyWithTheCount() {
        PcapWriter w = new PcapWriter(USER0);
        for (int i = 0; i < 3; i++) w.packet(1_000_000_000L * (i + 1), Packets.pattern(i, 30));
        Path file = w.write(tmp.resolve("user0.pcap"));
        assertThat(unsupported(file)).singleElement().satisfies(a -> {
            assertThat(a.string("anomaly.detail")).isEqualTo("interface 0: link type 147: 3 packets not decoded");
            assertThat(a.number("frame.number")).isEqualTo(1);
            assertThat(a.string("anomaly.severity")).isEqualTo("warn");
        });
        assertThat(Collect.rows(file, "packets")).hasSize(3).allSatisfy(r -> assertThat(r.number("frame.link_type")).isEqualTo(USER0));
    }

    @Test
    void eachUnsupportedInterfaceIsReportedSeparately() {
        byte[] ip = Packets.ipv4("10.0.0.1", "10.0.0.2", 6, Packets.tcp(1234, 80, 1, 0, Packets.SYN, new byte[0]));
        Path file = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(Packets.RAW, 0, -1, 0)
                .interfaceBlock(USER0, 0, -1, 0)
                .interfaceBlock(USER1, 0, -1, 0)
                .interfaceBlock(USER0, 0, -1, 0)
                .enhanced(0, 1, ip, ip.length)
                .enhanced(2, 2, Packets.pattern(0, 8), 8)
                .enhanced(1, 3, Packets.pattern(0, 8), 8)
                .enhanced(2, 4, Packets.pattern(0, 8), 8)
                .enhanced(3, 5, Packets.pattern(0, 8), 8)
                .enhanced(0, 6, ip, ip.length)
                .write(tmp.resolve("mixed.pcapng"));
        assertThat(unsupported(file)).extracting(a -> a.number("frame.number") + " " + a.string("anomaly.detail")).containsExactly(
                "2 interface 2: link type 148: 2 packets not decoded",
                "3 interface 1: link type 147: 1 packet not decoded",
                "5 interface 3: link type 147: 1 packet not decoded");
        assertThat(Collect.rows(file, "flows")).hasSize(1);
    }
}
