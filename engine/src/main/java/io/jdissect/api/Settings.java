package io.jdissect.api;

import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Limits;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a user sets for an analysis, as on the command line: limits and preferences ({@code --pref}), "decode as"
 * ({@code --decode-as}), dissectors switched off ({@code --disable-protocol}; "all" for every one). Immutable;
 * checked against the loaded dissectors when a capture is opened with it ({@link Jdissect#open(java.nio.file.Path, Settings)}).
 *
 * @param prefs    limits and preferences by id
 * @param decodeAs TCP port (either end) to dissector id
 * @param disabled dissector ids not to run
 */
public record Settings(Map<String, Long> prefs, Map<Integer, String> decodeAs, Set<String> disabled) {
    public static final Settings DEFAULTS = new Settings(Map.of(), Map.of(), Set.of());

    public Settings {
        prefs = Map.copyOf(prefs);
        decodeAs = Map.copyOf(decodeAs);
        disabled = Set.copyOf(disabled);
    }

    public Settings withPref(String id, long value) {
        Map<String, Long> p = new HashMap<>(prefs);
        p.put(id, value);
        return new Settings(p, decodeAs, disabled);
    }

    public Settings withDecodeAs(int port, String dissector) {
        Map<Integer, String> d = new HashMap<>(decodeAs);
        d.put(port, dissector);
        return new Settings(prefs, d, disabled);
    }

    /** Without dissector {@code id} ("all": without any, leaving flows and reassembly). */
    public Settings without(String id) {
        Set<String> d = new LinkedHashSet<>(disabled);
        d.add(id);
        return new Settings(prefs, decodeAs, d);
    }

    /** Worker threads ({@code engine.threads}; 1 analyses on the calling thread). */
    public Settings withThreads(int threads) { return withPref(Limits.THREADS, threads); }

    /** The value set for {@code id}, or {@code defaultValue}. */
    public long pref(String id, long defaultValue) { return prefs.getOrDefault(id, defaultValue); }

    /** The engine's form of the prefs and "decode as". */
    Config config() { return new Config(prefs, decodeAs); }
}
