package io.jdissect.api;

import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Prefs;
import io.jdissect.pipeline.Registry;

import java.nio.file.Path;

/**
 * Entry point of the Java API, made to read well in JShell:
 * <pre>{@code
 * var cap = Jdissect.open("capture.pcap");
 * cap.query("chat where chat.type == \"say\"");
 * cap.flows();
 * }</pre>
 */
public final class Jdissect {
    private static volatile Registry defaultRegistry;

    private Jdissect() { }

    /** The dissectors found on the class path (and in the plugin folder named by -Djdissect.plugins). */
    public static Registry registry() {
        Registry r = defaultRegistry;
        if (r == null) {
            synchronized (Jdissect.class) {
                if (defaultRegistry == null) {
                    String plugins = System.getProperty("jdissect.plugins");
                    defaultRegistry = Registry.load(plugins == null ? null : Path.of(plugins));
                }
                r = defaultRegistry;
            }
        }
        return r;
    }

    public static Capture open(String path) {
        return open(Path.of(path));
    }

    public static Capture open(Path path) {
        return new Capture(path, registry(), Config.DEFAULTS);
    }

    /** @throws IllegalArgumentException when {@code config} sets an unknown preference or one out of its range */
    public static Capture open(Path path, Config config) {
        Prefs.check(registry().prefs(), config);
        return new Capture(path, registry(), config);
    }

    /** With the dissectors of {@code registry} (e.g. {@link Registry#without} some). */
    public static Capture open(Path path, Config config, Registry registry) {
        return new Capture(path, registry, config);
    }
}
