package io.jdissect.testing;

import io.jdissect.pipeline.Config;
import io.jdissect.spi.Row;

import java.nio.file.Path;
import java.util.List;

/** Rows of one source (all sources when null) of a capture: a short form of {@link Analyses#run}. */
public final class Collect {
    private Collect() { }

    public static List<Row> rows(Path file, String source) {
        return rows(file, source, Config.DEFAULTS);
    }

    public static List<Row> rows(Path file, String source, Config config) {
        return source == null ? Analyses.run(file, config).rows() : Analyses.run(file, config, source).rows();
    }
}
