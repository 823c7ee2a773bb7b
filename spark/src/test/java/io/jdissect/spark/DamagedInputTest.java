package io.jdissect.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A damaged file among the inputs: an error row naming it (or, asked, a job error naming it); the others complete. */
class DamagedInputTest {
    static SparkSession spark;
    @TempDir static Path dir;
    static Path good, damaged;

    @BeforeAll
    static void start() throws Exception {
        Path sample = LocalSpark.root().resolve("../shared/captures/chat-lo.pcap").normalize();
        good = Files.copy(sample, dir.resolve("a-good.pcap"));
        // a pcap header, then records whose length field claims far more than the limit
        byte[] bytes = Files.readAllBytes(sample);
        byte[] bad = java.util.Arrays.copyOf(bytes, 24 + 16 + 200);
        bad[24 + 8] = bad[24 + 9] = bad[24 + 10] = bad[24 + 11] = (byte) 0x7f;
        damaged = Files.write(dir.resolve("b-damaged.pcap"), bad);
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() { spark.stop(); }

    @Test
    void theDamagedFileEndsWithAnErrorRowAndTheOthersComplete() throws Exception {
        Dataset<Row> rows = spark.read().format("jdissect").option("query", "chat").load(dir.toString()).cache();
        List<Row> errors = rows.where(col("`capture.error`").isNotNull()).collectAsList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).<String>getAs("capture.file")).isEqualTo(damaged.toString());
        assertThat(errors.get(0).<String>getAs("capture.error")).contains(damaged.toString());

        List<Row> fromGood = rows.where(col("`capture.file`").equalTo(good.toString())).collectAsList();
        assertThat(LocalSpark.sparkRows(fromGood)).isEqualTo(LocalSpark.jdissectRows(good, "chat")).isNotEmpty();
    }

    @Test
    void askedToFailTheJobFailsNamingTheFile() {
        assertThatThrownBy(() -> spark.read().format("jdissect").option("query", "chat").option("onError", "fail")
                .load(dir.toString()).collectAsList())
                .hasStackTraceContaining(damaged.toString());
    }

    @Test
    void aQueryWithStagesOrABadOptionIsRefusedOnTheDriver() {
        assertThatThrownBy(() -> spark.read().format("jdissect").option("query", "chat | count by chat.type").load(good.toString()))
                .hasMessageContaining("groupBy");
        assertThatThrownBy(() -> spark.read().format("jdissect").option("query", "chat where nosuch.field == 1").load(good.toString()))
                .hasMessageContaining("nosuch.field");
        assertThatThrownBy(() -> spark.read().format("jdissect").option("query", "chat").option("partitionBytes", "lots").load(good.toString()))
                .hasMessageContaining("partitionBytes");
    }
}
