package io.jdissect.pipeline;

import io.jdissect.spi.PrefDef;

import java.util.HashMap;
import java.util.Map;

/**
 * Immutable settings of one analysis: limits and preferences by id, and "decode as" overrides.
 *
 * @param prefs    limits and preferences by id (see {@link Limits} for the engine's own)
 * @param decodeAs TCP port to dissector id, applied before port tables and heuristics
 */
public record Config(Map<String, Long> prefs, Map<Integer, String> decodeAs) {
    public static final Config DEFAULTS = new Config(Map.of(), Map.of());

    public Config {
        prefs = Map.copyOf(prefs);
        decodeAs = Map.copyOf(decodeAs);
    }

    public long pref(String id, long defaultValue) {
        return prefs.getOrDefault(id, defaultValue);
    }

    /** A declared limit or preference as its type: the value set, else its default, clamped into its range. */
    public <T> T pref(PrefDef<T> def) {
        return def.value(pref(def.id(), def.defaultValue()));
    }

    public Config withPref(PrefDef<?> def, long value) {
        return withPref(def.id(), value);
    }

    public Config withPref(String id, long value) {
        Map<String, Long> p = new HashMap<>(prefs);
        p.put(id, value);
        return new Config(p, decodeAs);
    }

    public Config withDecodeAs(int port, String dissector) {
        Map<Integer, String> d = new HashMap<>(decodeAs);
        d.put(port, dissector);
        return new Config(prefs, d);
    }
}
