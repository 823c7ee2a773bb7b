package io.jdissect.dissectors.http;

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
            "corpus2/seladb__PcapPlusPlus__three_http_streams.pcap"})   // responses ended by the server's FIN
    void messagesMatchTshark(String file) {
        Path capture = Shared.path(file);
        List<List<String>> expected = Tshark.fields(capture, "http.request or http.response", FIELDS);
        CollectingSink sink = Analyses.run(capture, "http");

        assertThat(expected).as("tshark finds HTTP in " + file).isNotEmpty();
        assertThat(asTshark(sink.rows("http"))).isEqualTo(expected);
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
