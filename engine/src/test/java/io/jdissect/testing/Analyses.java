package io.jdissect.testing;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a capture through the engine with every dissector on the class path (ServiceLoader), collecting rows. */
public final class Analyses {
    private static Registry registry;

    private Analyses() { }

    public static synchronized Registry registry() {
        if (registry == null) registry = Registry.load();
        return registry;
    }

    public static CollectingSink run(Path capture, String... sources) {
        return run(capture, Config.DEFAULTS, sources);
    }

    public static CollectingSink run(Path capture, Config config, String... sources) {
        return run(registry(), config, capture, sources);
    }

    /** The same with {@code registry}'s dissectors (a plugin folder's, for instance). */
    public static CollectingSink run(Registry registry, Config config, Path capture, String... sources) {
        CollectingSink sink = new CollectingSink(sources);
        List<CaptureWarning> warnings = new ArrayList<>();
        try (CaptureReader reader = Captures.open(capture, Captures.DEFAULT_MAX_RECORD, warnings)) {
            new Analysis(registry, config, sink).run(reader, warnings, Execution.SERIAL);
        } catch (CaptureException e) {
            throw new AssertionError("capture " + capture + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return sink;
    }
}
