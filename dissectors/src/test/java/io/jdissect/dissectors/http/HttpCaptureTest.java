package io.jdissect.dissectors.http;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP requests and responses of real captures, against tshark run live. */
class HttpCaptureTest {
    private static final String[] FIELDS = {"frame.number", "http.request.method", "http.request.uri",
            "http.response.code", "http.host", "http.upgrade", "http.sec_websocket_key", "http.sec_websocket_accept"};

    @ParameterizedTest
    @ValueSource(strings = {"captures/chat-lo.pcap",
            "corpus/suricata-verify__websocket-compressed-example_websocket.pcap",
            "corpus/zeek__websocket-two-binary-fragments.pcap",
            "corpus/zeek__wikipedia.pcap",
            "corpus/suricata-verify__decode-sll2-01-input.pcap",
            // corpus2: odd request lines and HEAD, and HTTP inside VXLAN and NFLOG
            "corpus2/zeek__zeek__methods.pcap",
            "corpus2/zeek__zeek__vxlan-encapsulated-http.pcap",
            "corpus2/zeek__zeek__nflog-http.pcap",
            "corpus2/seladb__PcapPlusPlus__one_tcp_stream_max_seq.pcap",
            "corpus2/seladb__PcapPlusPlus__three_http_streams.pcap",   // responses ended by the server's FIN
            "corpus2/arkime__arkime__websocket.pcap",
            "corpus2/witchofthewires__evsetool__cap.pcapng",
            "corpus2/zeek__zeek__wstunnel-ssh.pcap"})
    void messagesMatchTshark(String file) {
        Path capture = Shared.path(file);
        List<List<String>> expected = Tshark.fields(capture, "http.request or http.response", FIELDS);
        CollectingSink sink = Analyses.run(capture, "http");

        assertThat(expected).as("tshark finds HTTP in " + file).isNotEmpty();
        assertThat(asTshark(sink.rows("http"))).isEqualTo(expected);
    }

    /**
     * wireshark-retrans: nearly every segment is retransmitted 2-3 times. tshark with its default settings is wrong
     * here: it dissects two retransmitted response segments as new responses (frames 42 and 86); with
     * {@code tcp.reassemble_out_of_order} it drops them, as jdissect does, and the two agree frame for frame.
     */
    @Test
    void retransmittedSegmentsAreNoNewMessages() {
        Path capture = Shared.corpus2("arkime__arkime__wireshark-retrans.pcap");
        List<List<String>> right = new ArrayList<>(), plain = new ArrayList<>();
        for (String[] r : Tshark.fields(capture, "http.request or http.response", List.of("-n", "-o", "tcp.reassemble_out_of_order:TRUE"), FIELDS)) {
            List<String> cols = new ArrayList<>(List.of(r));
            while (cols.size() < FIELDS.length) cols.add("");
            right.add(cols);
        }
        for (List<String> r : Tshark.fields(capture, "http.request or http.response", FIELDS)) plain.add(r.subList(0, 4));
        List<List<String>> ours = asTshark(Analyses.run(capture, "http").rows("http"));
        assertThat(right).hasSize(8);
        assertThat(ours).isEqualTo(right);
        assertThat(plain).as("tshark's default settings take two retransmissions for responses")
                .contains(List.of("42", "", "", "200"), List.of("86", "", "", "200")).hasSize(10);
    }

    /**
     * 650HttpResponses: server-only flows with segments never captured. tshark stops at each hole that is never
     * filled; jdissect goes on past it and finds more. Every message tshark finds is found with its frame, and every
     * message (tshark's and the rest) carries a frame of its own stream with payload in it: the one its last byte
     * came in, not the capture's last frame (275 responses said frame 682, a frame of another stream).
     */
    @Test
    void messagesAfterAHoleCarryTheFrameTheirLastByteCameIn() {
        Path capture = Shared.corpus2("seladb__PcapPlusPlus__650HttpResponses.pcap");
        Set<String> tshark = new HashSet<>();
        for (List<String> r : Tshark.fields(capture, "http.response", "frame.number", "tcp.stream", "http.response.code")) {
            tshark.add(String.join(" ", r));
        }
        Map<Long, String> streamAndLength = new HashMap<>();
        for (List<String> r : Tshark.fields(capture, null, "frame.number", "tcp.stream", "tcp.len")) {
            streamAndLength.put(Long.parseLong(r.get(0)), r.get(1) + " " + r.get(2));
        }
        List<Row> rows = Analyses.run(capture, "http").rows("http");

        Set<String> ours = new HashSet<>();
        Map<Long, Long> lastFrameOfStream = new HashMap<>();
        for (Row r : rows) {
            long frame = r.number("frame.number"), stream = r.number("tcp.stream");
            ours.add(frame + " " + stream + " " + r.string("http.response.code"));
            String[] sl = streamAndLength.get(frame).split(" ");
            assertThat(Long.parseLong(sl[0])).as("stream of frame %d (a message of stream %d)", frame, stream).isEqualTo(stream);
            assertThat(Long.parseLong(sl[1])).as("payload of frame %d", frame).isPositive();
            Long before = lastFrameOfStream.put(stream, frame);
            if (before != null) assertThat(frame).as("messages of stream %d in order", stream).isGreaterThanOrEqualTo(before);
        }
        assertThat(tshark).hasSize(365);
        assertThat(ours).containsAll(tshark);
        assertThat(rows.size()).as("more than tshark: it stops at holes").isGreaterThan(tshark.size());
    }

    static List<List<String>> asTshark(List<Row> rows) {
        Map<Long, List<Row>> byFrame = new LinkedHashMap<>();
        for (Row r : rows) byFrame.computeIfAbsent(r.number("frame.number"), k -> new ArrayList<>()).add(r);
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<Long, List<Row>> e : byFrame.entrySet()) {
            List<Row> msgs = e.getValue();
            out.add(List.of(String.valueOf(e.getKey()),
                    join(msgs, r -> r.string("http.request.method")),
                    join(msgs, r -> r.string("http.request.uri")),
                    join(msgs, r -> r.string("http.response.code")),
                    join(msgs, r -> r.string("http.host")),
                    join(msgs, r -> r.string("http.upgrade")),
                    join(msgs, r -> r.string("http.sec_websocket_key")),
                    join(msgs, r -> r.string("http.sec_websocket_accept"))));
        }
        return out;
    }

    private static String join(List<Row> msgs, Function<Row, String> f) {
        List<String> values = new ArrayList<>();
        for (Row r : msgs) {
            String v = f.apply(r);
            if (v != null) values.add(v);
        }
        return String.join("|", values);
    }
}
