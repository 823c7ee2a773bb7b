package io.jdissect.dissectors.websocket;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Every WebSocket frame of real captures, against tshark run live: same packets, header fields, unmasked/inflated text. */
class WebSocketCaptureTest {
    static final String[] FIELDS = {"frame.number", "websocket.fin", "websocket.opcode", "websocket.mask",
            "websocket.payload_length", "websocket.payload_length_ext_16", "websocket.payload_length_ext_64",
            "websocket.payload.text", "websocket.payload.close.status_code", "websocket.payload.ping", "websocket.payload.pong"};

    @ParameterizedTest
    @ValueSource(strings = {"captures/chat-lo.pcap",
            "corpus/suricata-verify__websocket-compressed-example_websocket.pcap",
            "corpus/zeek__websocket-two-binary-fragments.pcap"})
    void framesMatchTshark(String file) {
        Path capture = Shared.path(file);
        List<List<String>> expected = Tshark.fields(capture, "websocket", FIELDS);
        CollectingSink sink = Analyses.run(capture, "websocket");

        assertThat(expected).as("tshark finds WebSocket frames in " + file).isNotEmpty();
        assertThat(asTshark(sink.rows("websocket"))).isEqualTo(expected);
    }

    /** Our rows grouped by packet and printed as tshark prints them (7-bit length form; '|' between a packet's frames). */
    static List<List<String>> asTshark(List<Row> rows) {
        Map<Long, List<Row>> byFrame = new LinkedHashMap<>();
        for (Row r : rows) byFrame.computeIfAbsent(r.number("frame.number"), k -> new ArrayList<>()).add(r);
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<Long, List<Row>> e : byFrame.entrySet()) {
            List<Row> frames = e.getValue();
            out.add(List.of(
                    String.valueOf(e.getKey()),
                    join(frames, r -> bit(r.get("websocket.fin"))),
                    join(frames, r -> r.string("websocket.opcode")),
                    join(frames, r -> bit(r.get("websocket.mask"))),
                    join(frames, WebSocketCaptureTest::length7),
                    join(frames, r -> r.string("websocket.payload_length_ext_16")),
                    join(frames, r -> r.string("websocket.payload_length_ext_64")),
                    join(frames, r -> r.string("websocket.payload.text")),
                    join(frames, r -> r.string("websocket.payload.close.status_code")),
                    join(frames, r -> r.string("websocket.payload.ping")),
                    join(frames, r -> r.string("websocket.payload.pong"))));
        }
        return out;
    }

    private static String length7(Row r) {
        if (r.has("websocket.payload_length_ext_16")) return "126";
        if (r.has("websocket.payload_length_ext_64")) return "127";
        return r.string("websocket.payload_length");
    }

    private static String bit(Object b) { return Boolean.TRUE.equals(b) ? "1" : "0"; }

    private static String join(List<Row> frames, Function<Row, String> f) {
        List<String> values = new ArrayList<>();
        for (Row r : frames) {
            String v = f.apply(r);
            if (v != null) values.add(v);
        }
        return String.join("|", values);
    }
}
