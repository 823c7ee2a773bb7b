package io.jdissect.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** jdissect spark: the query's stages run in Spark and the output folder holds what jdissect query prints. */
class SparkCommandTest {
    @TempDir Path dir;

    @Test
    void countByWritesTheCountsOfJdissectQuery() throws Exception {
        Path sample = LocalSpark.root().resolve("../shared/captures/chat-lo.pcap").normalize();
        Path out = dir.resolve("out");
        int status = new CommandLine(new SparkCommand()).execute("chat where chat.type != \"logout\" | count by chat.type",
                sample.toString(), "--master", "local[2]", "--output", out.toString(), "--format", "jsonl");
        assertThat(status).isZero();

        List<String> got = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(p)) {
                    if (!line.isBlank()) got.add(new TreeMap<>(json.readValue(line, Map.class)).toString());
                }
            }
        }
        Capture cap = Jdissect.open(sample);
        List<String> want = new ArrayList<>();
        for (Row r : cap.query("chat where chat.type != \"logout\" | count by chat.type")) want.add(new TreeMap<>(r.values()).toString());
        got.sort(null);
        want.sort(null);
        assertThat(got).isEqualTo(want).hasSizeGreaterThanOrEqualTo(2);
    }
}
