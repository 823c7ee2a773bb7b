package io.jdissect.testing;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.pipeline.Analyzer;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a capture through the pipeline and collects every row, for assertions. */
public final class Collect {
    private Collect() { }

    public static List<Row> rows(Path file, String source) {
        return rows(file, source, Config.DEFAULTS);
    }

    public static List<Row> rows(Path file, String source, Config config) {
        List<Row> out = new ArrayList<>();
        RowSink sink = new RowSink() {
            @Override public boolean wants(String s) { return source == null || s.equals(source); }

            @Override public void accept(Row row) { out.add(row); }
        };
        List<CaptureWarning> warnings = new ArrayList<>();
        try (CaptureReader r = Captures.open(file, 64 << 20, warnings)) {
            new Analyzer(Registry.load(), config, sink, warnings).run(r);
        } catch (CaptureException e) {
            throw new AssertionError("capture error: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
