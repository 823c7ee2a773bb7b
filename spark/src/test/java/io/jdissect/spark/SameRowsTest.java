package io.jdissect.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On every shared capture, the DataFrame has exactly the rows of jdissect query (sorted, every field), for each
 * source: read whole, and split by conversations into as many tasks as the capture has conversations (an index
 * forced on these small files), which must neither lose nor repeat a row, those of no conversation included.
 */
class SameRowsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() { spark = LocalSpark.start(); }

    @AfterAll
    static void stop() { spark.stop(); }

    static Stream<Arguments> captures() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String dir : List.of("captures", "corpus")) {
            try (Stream<Path> s = Files.list(LocalSpark.root().resolve("../shared").resolve(dir).normalize())) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng)(\\.gz|\\.zst)?")).sorted()
                        .forEach(p -> out.add(Arguments.of(p.getFileName().toString(), p)));
            }
        }
        assertThat(out).as("shared captures").hasSizeGreaterThanOrEqualTo(8);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameRowsAsJdissectQuery(String name, Path file) throws Exception {
        int tasks = splitTasks(file);
        // packets too: the rows of no conversation (UDP, ICMP, undecoded links) belong to one task of the file only
        for (String source : List.of("flows", "http", "websocket", "chat", "anomalies", "packets")) {
            List<String> want = LocalSpark.jdissectRows(file, source);
            Dataset<org.apache.spark.sql.Row> whole = spark.read().format("jdissect").option("query", source).load(file.toString());
            assertThat(LocalSpark.sparkRows(whole.collectAsList())).as(name + " " + source + ", whole").isEqualTo(want);

            Dataset<org.apache.spark.sql.Row> split = spark.read().format("jdissect").option("query", source)
                    .option("partitionBytes", "1").option("pref.capture.index_min_bytes", "0").load(file.toString());
            // shares are cut by packets, so a conversation larger than a share makes fewer shares than conversations
            if (tasks == 1) assertThat(split.rdd().getNumPartitions()).as(name + " tasks").isEqualTo(1);
            else assertThat(split.rdd().getNumPartitions()).as(name + " tasks").isBetween(2, tasks);
            assertThat(LocalSpark.sparkRows(split.collectAsList())).as(name + " " + source + ", split by conversations").isEqualTo(want);
        }
    }

    /** A Spark filter on tcp.stream and the columns Spark reads become the query each task runs; the rows stay the same. */
    @org.junit.jupiter.api.Test
    void pushedFiltersAndColumnsReachTheQuery() throws Exception {
        Path file = LocalSpark.root().resolve("../shared/captures/chat-lo.pcap").normalize();
        Dataset<org.apache.spark.sql.Row> rows = spark.read().format("jdissect").option("query", "chat").load(file.toString())
                .where(org.apache.spark.sql.functions.col("`tcp.stream`").equalTo(6L)).select("`frame.number`", "`tcp.stream`", "`chat.type`");
        assertThat(rows.queryExecution().executedPlan().toString()).contains("chat where tcp.stream and tcp.stream == 6 | fields chat.type, frame.number, tcp.stream");
        assertThat(LocalSpark.sparkRows(rows.collectAsList()))
                .isEqualTo(LocalSpark.jdissectRows(file, "chat where tcp.stream == 6 | fields frame.number, tcp.stream, chat.type")).isNotEmpty();
    }

    /** README "Spark": the example's SQL gives what jdissect query counts. */
    @org.junit.jupiter.api.Test
    void readmeExample() throws Exception {
        Path captures = LocalSpark.root().resolve("../shared/captures").normalize();
        Dataset<org.apache.spark.sql.Row> says = spark.read().format("jdissect")
                .option("query", "chat where chat.type == \"say\" and websocket.direction == \"c2s\"")
                .load(captures + "/*.pcap");
        says.createOrReplaceTempView("says");
        Dataset<org.apache.spark.sql.Row> byUser = spark.sql(
                "SELECT `chat.from`, count(*) AS says, max(`chat.content`) AS last FROM says GROUP BY `chat.from` ORDER BY says DESC, `chat.from`");
        byUser.show(false);
        List<String> got = new ArrayList<>();
        for (org.apache.spark.sql.Row r : byUser.collectAsList()) got.add(r.getString(0) + "=" + r.getLong(1));
        List<String> want = new ArrayList<>();
        var cap = io.jdissect.api.Jdissect.open(captures.resolve("chat-lo.pcap"));
        for (io.jdissect.spi.Row r : cap.query("chat where chat.type == \"say\" and websocket.direction == \"c2s\" | count by chat.from")) {
            want.add(r.string("chat.from") + "=" + r.number("count"));
        }
        got.sort(null);
        want.sort(null);
        assertThat(got).isEqualTo(want).isNotEmpty();
    }

    /** At most one task per conversation when the capture's index can replay them, else the file in one. */
    private static int splitTasks(Path file) throws Exception {
        var conversations = io.jdissect.api.Jdissect.open(file, io.jdissect.api.Settings.DEFAULTS.withPref("capture.index_min_bytes", 0)).conversations();
        return conversations.size() >= 2 ? conversations.size() : 1;
    }

    @org.junit.jupiter.api.Test
    void theSharedCapturesHaveRowsOfNoConversationAndSplitOnes() throws Exception {
        long others = 0, split = 0;
        for (Arguments a : captures().toList()) {
            Path file = (Path) a.get()[1];
            others += LocalSpark.jdissectRows(file, "packets").stream().filter(r -> !r.contains("tcp.stream=")).count();
            if (splitTasks(file) > 1) split++;
        }
        assertThat(others).as("packets of no conversation, which the split reads must not repeat").isPositive();
        // the others have one conversation, or IP fragments (an index that cannot replay): one task each
        assertThat(split).as("captures read in more than one task").isGreaterThanOrEqualTo(3);
    }
}
