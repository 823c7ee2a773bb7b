package io.jdissect.pipeline;

import io.jdissect.spi.PrefDef;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the preferences a user set against those the engine and the dissectors declare, before a capture
 * is read: an unknown id (a typo would otherwise be ignored silently) or a value out of range is one error.
 */
public final class Prefs {
    private Prefs() { }

    /** @throws IllegalArgumentException naming the first bad preference and what is accepted */
    public static void check(Map<String, PrefDef<?>> declared, Config config) {
        for (Map.Entry<String, Long> e : config.prefs().entrySet()) {
            PrefDef<?> def = declared.get(e.getKey());
            if (def == null) {
                throw new IllegalArgumentException("unknown preference '" + e.getKey() + "'" + similar(declared, e.getKey()));
            }
            String problem = def.problem(e.getValue());
            if (problem != null) throw new IllegalArgumentException(problem);
        }
    }

    /** The declared ids of the same protocol, so the user sees what to type. */
    private static String similar(Map<String, PrefDef<?>> declared, String id) {
        int dot = id.indexOf('.');
        String prefix = dot < 0 ? id : id.substring(0, dot + 1);
        String same = declared.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.joining(", "));
        return same.isEmpty() ? "; see the README's Limits table" : "; " + prefix.replace(".", "") + " has " + same;
    }
}
