package io.jdissect.examples;

import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.Shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped examples (scripts/examples) and the captures they are checked on. */
final class Examples {
    private Examples() { }

    static final Path ROOT = Path.of(System.getProperty("jdissect.root", "..")).resolve("scripts/examples");

    /** Every capture of ../shared/captures, ../shared/corpus and the dissectors' test captures. */
    static List<Path> sharedCaptures() {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(Shared.root().resolve("captures"), Shared.root().resolve("corpus"),
                Path.of(System.getProperty("jdissect.root", "..")).resolve("dissectors/src/test/resources/captures"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng)")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** The rows of {@code source} an analysis of {@code capture} with {@code registry} gives. */
    static List<Row> rows(Registry registry, Path capture, String source) {
        return rows(registry, Config.DEFAULTS, capture, source);
    }

    static List<Row> rows(Registry registry, Config config, Path capture, String source) {
        return Analyses.run(registry, config, capture, source).rows();
    }
}
