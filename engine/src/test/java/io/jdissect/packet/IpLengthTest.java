package io.jdissect.packet;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An IP header that announces more bytes than the frame holds, where snaplen did not cut the frame. */
class IpLengthTest {
    @TempDir Path tmp;

    @Test
    void bytesNeverOnTheWireAreNotCountedAndTheFrameIsFlagged() {
        PcapWriter w = new PcapWriter(Packets.RAW);
        long t = 1_764_000_000_000_000_000L;
        byte[] syn = Packets.ipv4("10.0.0.1", "10.0.0.2", 6, Packets.tcp(40000, 80, 100, 0, Packets.SYN, new byte[0]));
        byte[] data = Packets.ipv4("10.0.0.1", "10.0.0.2", 6, Packets.tcp(40000, 80, 101, 0, Packets.ACK | Packets.PSH, Packets.pattern(0, 60)));
        data[2] = 0x05;   // total length 1400 (0x0578), but the frame holds 100 bytes and frame.len says so too
        data[3] = 0x78;
        w.packet(t, syn).packet(t + 1000, data);
        Path file = w.write(tmp.resolve("long-ip.pcap"));
        List<String[]> tshark = Tshark.fields(file, null, List.of(), "frame.number", "tcp.len");
        assertThat(tshark.get(1)[1]).as("tshark's tcp.len").isEqualTo("60");
        Row flow = Analyses.run(file, "flows").rows().get(0);
        assertThat(flow.number("flow.bytes")).isEqualTo(60);
        assertThat(flow.number("flow.c2s_bytes")).isEqualTo(60);
        List<Row> anomalies = Analyses.run(file, "anomalies").rows();
        assertThat(anomalies).extracting(r -> r.string("anomaly.id")).containsExactly("ip.length_exceeds_frame");
        assertThat(anomalies.get(0).number("frame.number")).isEqualTo(2);
        assertThat(anomalies.get(0).number("tcp.stream")).isEqualTo(0);
        assertThat(anomalies.get(0).string("anomaly.detail")).isEqualTo("IPv4 total length 1400 exceeds the 100 bytes the frame holds");
    }
}
