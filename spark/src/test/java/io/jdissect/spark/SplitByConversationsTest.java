package io.jdissect.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated capture (the bench generator, seed 1; {@code -Djdissect.spark.test.mb}, 48 MB by default, 200 for the
 * issue's size) split by conversations into at least 4 tasks gives exactly the manifest's counts, and the same
 * frame.number and tcp.stream as one machine reading it whole.
 */
class SplitByConversationsTest {
    static final Map<Long, String> OPCODES = Map.of(0L, "continuation", 1L, "text", 2L, "binary", 8L, "close", 9L, "ping", 10L, "pong");
    static SparkSession spark;
    static Path pcap;
    static long partitionBytes;

    @BeforeAll
    static void start() throws Exception {
        int mb = Integer.getInteger("jdissect.spark.test.mb", 48);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jdissect-spark-test");
        Files.createDirectories(dir);
        pcap = dir.resolve("gen-" + mb + "mb-seed1.pcap");
        if (!Files.exists(pcap.resolveSibling(pcap.getFileName() + ".manifest.json"))) {
            Process p = new ProcessBuilder("python3", LocalSpark.root().resolve("../shared/bench/gen_ws_pcap.py").normalize().toString(),
                    "--size-mb", String.valueOf(mb), "--seed", "1", "--out", pcap.toString()).inheritIO().start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        partitionBytes = Files.size(pcap) / 4 - 1;   // at least 4 tasks
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() { spark.stop(); }

    private Dataset<Row> read(String query) {
        return spark.read().format("jdissect").option("query", query).option("partitionBytes", String.valueOf(partitionBytes))
                .option("pref.capture.index_min_bytes", "0").load(pcap.toString());
    }

    @Test
    void splitIntoAtLeastFourTasksGivesTheManifestsCounts() throws Exception {
        JsonNode m = new ObjectMapper().readTree(pcap.resolveSibling(pcap.getFileName() + ".manifest.json").toFile()).get("counts");
        Dataset<Row> chat = read("chat");
        assertThat(chat.rdd().getNumPartitions()).as("tasks").isGreaterThanOrEqualTo(4);

        Map<String, Long> got = new HashMap<>();
        for (Row r : chat.groupBy(col("`websocket.direction`"), col("`chat.type`")).count().collectAsList()) {
            got.merge("chat." + r.getString(1), r.getLong(2), Long::sum);
            got.merge("chat." + r.getString(0) + "." + r.getString(1), r.getLong(2), Long::sum);
        }
        for (Row r : read("websocket").groupBy(col("`websocket.direction`"), col("`websocket.opcode`")).count().collectAsList()) {
            String op = OPCODES.get(r.getLong(1));
            got.merge("ws_frames", r.getLong(2), Long::sum);
            got.merge("ws_frames." + op, r.getLong(2), Long::sum);
            got.merge("ws_frames." + r.getString(0) + "." + op, r.getLong(2), Long::sum);
        }
        got.put("http_101_responses", read("http where http.response.code == 101").count());
        Map<String, Long> want = new HashMap<>();
        m.fields().forEachRemaining(e -> {
            String k = e.getKey();
            boolean chatKey = k.startsWith("chat.") && !k.equals("chat.say_private") && !k.equals("chat.login_with_client_list");
            boolean ws = k.equals("ws_frames") || k.startsWith("ws_frames.") && !k.startsWith("ws_frames.len")
                    && !k.equals("ws_frames.masked") && !k.equals("ws_frames.fin0");
            if (chatKey || ws || k.equals("http_101_responses")) want.put(k, e.getValue().asLong());
        });
        assertThat(got).isEqualTo(want);
        assertThat(read("flows").count()).isEqualTo(m.get("flows.ipv4").asLong() + m.get("flows.ipv6").asLong());
        assertThat(read("anomalies where anomaly.severity != \"note\"").count()).as("nothing lost or malformed").isZero();
    }

    @Test
    void framesAndStreamsAreThoseOfOneMachine() throws Exception {
        List<String> want = LocalSpark.jdissectRows(pcap, "websocket | fields frame.number, tcp.stream, websocket.opcode, websocket.payload_length");
        List<String> got = LocalSpark.sparkRows(read("websocket")
                .select(col("`frame.number`"), col("`tcp.stream`"), col("`websocket.opcode`"), col("`websocket.payload_length`")).collectAsList());
        assertThat(got).hasSize(want.size()).isEqualTo(want);
    }
}
