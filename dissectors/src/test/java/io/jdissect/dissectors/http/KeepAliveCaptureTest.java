package io.jdissect.dissectors.http;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture that starts mid-stream with a TCP keep-alive probe (one byte below the next sequence number, answered
 * by a duplicate SACK of it): the probe is not data, so the request after it decodes, as tshark reads it.
 */
class KeepAliveCaptureTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final int CPORT = 51000, SPORT = 80;
    private static final long C = 100_000, S = 700_000;   // next sequence numbers of client and server

    @Test
    void aKeepAliveAtTheStartOfAMidStreamCaptureIsNotPrependedToTheStream(@TempDir Path dir) {
        byte[] request = "GET /after-the-probe HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] response = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        PcapWriter w = new PcapWriter(Packets.RAW);
        w.packet(1_000, Packets.ipv4(CLIENT, SERVER, 6, Packets.tcp(CPORT, SPORT, C - 1, S, Packets.ACK, new byte[]{0})));
        w.packet(2_000, Packets.ipv4(SERVER, CLIENT, 6, Packets.tcpSack(SPORT, CPORT, S, C, Packets.ACK, C - 1, C, new byte[0])));
        w.packet(3_000, Packets.ipv4(CLIENT, SERVER, 6, Packets.tcp(CPORT, SPORT, C, S, Packets.ACK | Packets.PSH, request)));
        w.packet(4_000, Packets.ipv4(SERVER, CLIENT, 6, Packets.tcp(SPORT, CPORT, S, C + request.length, Packets.ACK | Packets.PSH, response)));
        Path capture = w.write(dir.resolve("keepalive-midstream.pcap"));

        // tshark (which cannot call frame 1 a keep-alive: it starts there) finds the request in 3, the response in 4
        List<List<String>> tshark = Tshark.fields(capture, "http.request or http.response",
                "frame.number", "http.request.uri", "http.response.code");
        assertThat(tshark).containsExactly(List.of("3", "/after-the-probe", ""), List.of("4", "", "204"));

        CollectingSink sink = Analyses.run(capture, "http", "anomalies");
        List<Row> http = sink.rows("http");
        assertThat(http).extracting(r -> r.number("frame.number")).containsExactly(3L, 4L);
        assertThat(http.get(0).string("http.request.uri")).isEqualTo("/after-the-probe");
        assertThat(http.get(1).string("http.response.code")).isEqualTo("204");
        assertThat(sink.rows("anomalies")).extracting(r -> r.string("anomaly.id")).doesNotContain("http.start_line.malformed");
    }

    @Test
    void aLoneFirstByteAcknowledgedAsNewIsKeptAsData(@TempDir Path dir) {
        byte[] rest = "ET /one-byte-first HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        PcapWriter w = new PcapWriter(Packets.RAW);
        w.packet(1_000, Packets.ipv4(CLIENT, SERVER, 6, Packets.tcp(CPORT, SPORT, C - 1, S, Packets.ACK | Packets.PSH, new byte[]{'G'})));
        w.packet(2_000, Packets.ipv4(SERVER, CLIENT, 6, Packets.tcp(SPORT, CPORT, S, C, Packets.ACK, new byte[0])));
        w.packet(3_000, Packets.ipv4(CLIENT, SERVER, 6, Packets.tcp(CPORT, SPORT, C, S, Packets.ACK | Packets.PSH, rest)));
        Path capture = w.write(dir.resolve("one-byte-first.pcap"));

        List<Row> http = Analyses.run(capture, "http").rows("http");
        assertThat(http).extracting(r -> r.string("http.request.method")).containsExactly("GET");
        assertThat(http.get(0).string("http.request.uri")).isEqualTo("/one-byte-first");
    }
}
