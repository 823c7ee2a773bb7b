package io.jdissect.api;

import io.jdissect.pipeline.Prefs;
import io.jdissect.pipeline.Registry;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Entry point of the Java API, made to read well in JShell:
 * <pre>{@code
 * var cap = Jdissect.open("capture.pcap");
 * cap.query("chat where chat.type == \"say\"");
 * cap.flows();
 * }</pre>
 * Every front end (REPL, CLI, scripts, live capture) gets its analyses here, so settings apply the same everywhere.
 */
public final class Jdissect {
    private static volatile Registry loaded;
    /** The plugin folder {@link #loaded} came from (null: none). */
    private static Path loadedFrom;
    /** Dissectors loaded beside the class path's and the plugin folder's ({@link #useDissectors}). */
    private static List<io.jdissect.spi.Dissector> extra = List.of();

    private Jdissect() { }

    /** The dissectors found on the class path (and in the plugin folder named by -Djdissect.plugins). */
    public static Dissectors dissectors() {
        return new Dissectors(loaded());
    }

    /** The dissectors an analysis with {@code settings} runs: the loaded ones less those it switches off. */
    public static Dissectors dissectors(Settings settings) {
        return new Dissectors(loaded().without(settings.disabled()));
    }

    private static Registry loaded() {
        Registry r = loaded;
        if (r == null) {
            synchronized (Jdissect.class) {
                if (loaded == null) {
                    String plugins = System.getProperty("jdissect.plugins");
                    loadedFrom = plugins == null ? null : Path.of(plugins);
                    loaded = Registry.load(loadedFrom, extra);
                }
                r = loaded;
            }
        }
        return r;
    }

    /**
     * Loads the dissectors again, with the plugins of folder {@code dir} (its {@code *.jar} and {@code *.js}) beside
     * those of the class path: the command line's {@code --plugins DIR}, which wins over -Djdissect.plugins. Captures
     * opened before keep the dissectors they were opened with. Nothing is reloaded when {@code dir} is already loaded;
     * null loads the class path's alone.
     *
     * @throws IllegalArgumentException when {@code dir} is not a folder
     * @throws IllegalStateException    when a plugin in it cannot be loaded (a bad declaration, a clash of ids)
     */
    public static void usePlugins(Path dir) {
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) throw new IllegalArgumentException("plugin folder " + dir + " is not a folder");
        Path real = dir == null ? null : dir.toAbsolutePath().normalize();
        synchronized (Jdissect.class) {
            if (loaded != null && java.util.Objects.equals(real, loadedFrom)) return;
            Registry r = Registry.load(real, extra);
            loadedFrom = real;
            loaded = r;
        }
    }

    /**
     * Loads the dissectors again with {@code dissectors} beside those of the class path and the plugin folder,
     * instead of those given before (a REPL's {@code load FILE.js}; an empty list drops them). Captures opened before
     * keep the dissectors they were opened with.
     *
     * @throws IllegalStateException when they do not fit with the others (a clash of ids, a port both claim); then
     *                               the dissectors loaded before stay
     */
    public static void useDissectors(List<io.jdissect.spi.Dissector> dissectors) {
        synchronized (Jdissect.class) {
            loaded();
            Registry r = Registry.load(loadedFrom, List.copyOf(dissectors));
            extra = List.copyOf(dissectors);
            loaded = r;
        }
    }

    public static Capture open(String path) {
        return open(Path.of(path));
    }

    public static Capture open(Path path) {
        return open(path, Settings.DEFAULTS);
    }

    /**
     * @throws IllegalArgumentException when {@code settings} sets an unknown preference or one out of its range,
     *                                  switches off a dissector that is not loaded, or decodes as one that is not
     */
    public static Capture open(Path path, Settings settings) {
        return new Capture(path, check(settings), settings);
    }

    /** A query over packets pushed one at a time (live capture); its rows go to {@code out} as they are made. */
    public static LiveAnalysis live(Settings settings, Query query, Consumer<Row> out) {
        Registry registry = check(settings).registry();
        Query.Runner runner = query.runner(out);
        return new LiveAnalysis(new io.jdissect.pipeline.Analysis(registry, settings.config(), new QuerySink(query, runner)), runner);
    }

    /** The dissectors {@code settings} leave on, once the settings are found to make sense with them. */
    public static Dissectors check(Settings settings) {
        Registry all = loaded();
        for (String d : settings.disabled()) {
            if (!d.equalsIgnoreCase("all") && all.dissectors().stream().noneMatch(x -> x.id().equals(d))) {
                throw new IllegalArgumentException("no dissector '" + d + "' to switch off; loaded: " + ids(all));
            }
        }
        for (String d : settings.decodeAs().values()) {
            if (all.decodeAsFactory(d) == null) {
                throw new IllegalArgumentException("no dissector '" + d + "' to decode as; choose one of " + String.join(", ", all.decodeAsNames()));
            }
        }
        Prefs.check(all.prefs(), settings.config());
        return new Dissectors(all.without(settings.disabled()));
    }

    private static String ids(Registry r) {
        return String.join(", ", r.dissectors().stream().map(d -> d.id()).toList());
    }
}
