package io.jdissect.index;

import io.jdissect.capture.Captures;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Limits;
import io.jdissect.pipeline.Registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where indexes live and which captures get one: uncompressed pcap and pcapng files of at least
 * {@link Limits#INDEX_MIN_BYTES} (small files read fast enough), in the cache folder: {@code -Djdissect.cache=DIR},
 * else {@code $JDISSECT_CACHE}, else {@code $XDG_CACHE_HOME/jdissect}, else {@code ~/.cache/jdissect}. One index
 * per capture path, named by a digest of it; a run under other settings replaces it.
 */
public final class IndexStore {
    private final Path dir;
    private final boolean enabled;
    private final long minBytes;

    private IndexStore(Path dir, boolean enabled, long minBytes) {
        this.dir = dir;
        this.enabled = enabled;
        this.minBytes = minBytes;
    }

    public static IndexStore of(Config config) {
        return new IndexStore(cacheDir(), config.pref(Limits.INDEX),
                config.pref(Limits.INDEX_MIN_BYTES));
    }

    static Path cacheDir() {
        String prop = System.getProperty("jdissect.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String env = System.getenv("JDISSECT_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "jdissect");
        return Path.of(System.getProperty("user.home"), ".cache", "jdissect");
    }

    /** The valid index of {@code capture} under these settings, or null. */
    public CaptureIndex find(Path capture, Config config, Registry registry) {
        if (!eligible(capture)) return null;
        try {
            return CaptureIndex.load(file(capture), IndexKey.of(capture, config, registry));
        } catch (IOException e) {
            return null;
        }
    }

    /** A writer for a new index of {@code capture}, or null when it gets none (too small, compressed, not a file). */
    public IndexWriter writer(Path capture, Config config, Registry registry) {
        if (!eligible(capture)) return null;
        try {
            return new IndexWriter(file(capture), IndexKey.of(capture, config, registry));
        } catch (IOException | RuntimeException e) {
            return null;   // a read-only cache folder costs the speed-up, never the run
        }
    }

    /** Whether {@code capture} gets an index (uncompressed, a file, large enough, indexes on). */
    public boolean indexable(Path capture) { return eligible(capture); }

    private boolean eligible(Path capture) {
        if (!enabled || capture.toString().equals("-")) return false;
        try {
            return Files.size(capture) >= minBytes && Captures.isUncompressedCapture(capture);
        } catch (IOException e) {
            return false;
        }
    }

    Path file(Path capture) throws IOException {
        String real = capture.toRealPath().toString();
        return dir.resolve(IndexKey.sha256(real).substring(0, 24) + ".jdx");
    }
}
