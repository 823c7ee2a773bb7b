package io.jdissect.e2e;

import io.jdissect.testing.TestSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark generator's capture with 1% out-of-order and 1% retransmitted segments (seed 1, 20 MB: it has a
 * server 101 captured before its request): every WebSocket frame,
 * chat message and handshake equals the generator's ground truth (tshark needs an option to get there).
 */
class GeneratorGroundTruthTest {
    private static final Map<Long, String> OPCODES = Map.of(0L, "continuation", 1L, "text", 2L, "binary", 8L, "close", 9L, "ping", 10L, "pong");

    @TempDir
    static Path dir;
    private static Path pcap;

    @BeforeAll
    static void generate() throws Exception {
        pcap = dir.resolve("ooo.pcap");
        Process gen = new ProcessBuilder("python3", Shared.root().resolve("bench/gen_ws_pcap.py").toString(), "--out", pcap.toString(),
                "--size-mb", "20", "--seed", "1", "--ooo-rate", "0.01", "--retx-rate", "0.01").inheritIO().start();
        assertThat(gen.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(gen.exitValue()).isZero();
    }

    /**
     * Workers get packets as views of the reader's arrays, which the reader reuses once the workers are done with
     * them: any byte read into an array too early would change a payload here (20 MB is some eighty arrays).
     */
    @Test
    void everyNumberOfThreadsGivesTheSameRows() {
        List<String> one = rows(1);
        assertThat(one).hasSizeGreaterThan(20_000);
        assertThat(rows(2)).isEqualTo(one);
        assertThat(rows(3)).isEqualTo(one);
    }

    private static List<String> rows(int threads) {
        Capture cap = Jdissect.open(pcap, TestSettings.of(io.jdissect.pipeline.Config.DEFAULTS.withPref("capture.index", 0)
                .withPref(io.jdissect.pipeline.Limits.THREADS, threads)));
        List<String> out = new java.util.ArrayList<>();
        for (String q : List.of("websocket", "chat", "http", "anomalies", "flows")) {
            for (Row r : cap.query(q)) out.add(r.toString());
        }
        return out;
    }

    @Test
    void outOfOrderAndRetransmittedCaptureMatchesTheManifest() throws Exception {
        JsonNode m = new ObjectMapper().readTree(Path.of(pcap + ".manifest.json").toFile()).get("counts");
        assertThat(m.get("tcp.ooo_swapped").asLong()).isPositive();
        assertThat(m.get("tcp.retransmitted").asLong()).isPositive();

        Capture cap = Jdissect.open(pcap);
        assertThat(cap.error()).isNull();
        Map<String, Long> got = new HashMap<>();
        for (Row r : cap.chat()) {
            got.merge("chat." + r.string("chat.type"), 1L, Long::sum);
            got.merge("chat." + r.string("websocket.direction") + "." + r.string("chat.type"), 1L, Long::sum);
        }
        for (Row r : cap.websocket()) {
            String op = OPCODES.get(r.number("websocket.opcode"));
            got.merge("ws_frames", 1L, Long::sum);
            got.merge("ws_frames." + op, 1L, Long::sum);
            got.merge("ws_frames." + r.string("websocket.direction") + "." + op, 1L, Long::sum);
            if (Boolean.TRUE.equals(r.get("websocket.mask"))) got.merge("ws_frames.masked", 1L, Long::sum);
            if (Boolean.FALSE.equals(r.get("websocket.fin"))) got.merge("ws_frames.fin0", 1L, Long::sum);
        }
        for (Row r : cap.http()) {
            if (r.number("http.response.code") == 101) got.merge("http_101_responses", 1L, Long::sum);
            if ("websocket".equalsIgnoreCase(r.string("http.upgrade")) && r.has("http.request.method")) got.merge("http_upgrade_requests", 1L, Long::sum);
        }
        Map<String, Long> want = new HashMap<>();
        m.fields().forEachRemaining(e -> {
            String k = e.getKey();
            boolean chat = k.startsWith("chat.") && !k.equals("chat.say_private") && !k.equals("chat.login_with_client_list");
            boolean ws = k.equals("ws_frames") || k.startsWith("ws_frames.") && !k.startsWith("ws_frames.len");
            if (chat || ws || k.startsWith("http_")) want.put(k, e.getValue().asLong());
        });
        assertThat(got).isEqualTo(want);
        assertThat(cap.flows().size()).isEqualTo(m.get("flows.ipv4").asInt() + m.get("flows.ipv6").asInt());
        List<Row> lost = cap.query("anomalies where anomaly.severity != note").rows();
        assertThat(lost).as("nothing lost or malformed").isEmpty();
    }
}
