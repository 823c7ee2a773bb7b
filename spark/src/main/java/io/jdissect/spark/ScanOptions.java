package io.jdissect.spark;

import io.jdissect.api.Settings;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of a jdissect read, as Spark passes them ({@code .option("query", ...)}), checked once on the driver
 * and shipped to every task.
 *
 * @param query          the rows part of a jdissect query: {@code source [where filter]} (stages run in Spark)
 * @param partitionBytes a file larger than this is split by conversations into about size / partitionBytes tasks
 * @param failOnError    a damaged file fails the job (naming it) instead of ending its rows with an error row
 * @param prefs          jdissect preferences ({@code pref.http.max_body=...}), the same on every executor
 */
record ScanOptions(String query, long partitionBytes, boolean failOnError, Map<String, Long> prefs) implements Serializable {
    static final String QUERY = "query";
    static final String PARTITION_BYTES = "partitionBytes";
    static final String ON_ERROR = "onError";
    static final String PREF = "pref.";
    static final long PARTITION_BYTES_DEFAULT = 256L << 20;

    ScanOptions {
        prefs = Map.copyOf(prefs);
    }

    static ScanOptions of(Map<String, String> given) {
        Map<String, String> options = new org.apache.spark.sql.util.CaseInsensitiveStringMap(given);
        String query = options.get(QUERY);
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("option \"query\" is required, e.g. .option(\"query\", \"chat where chat.type == \\\"say\\\"\")");
        }
        long bytes = PARTITION_BYTES_DEFAULT;
        String b = options.get(PARTITION_BYTES);
        if (b != null) {
            try {
                bytes = Long.parseLong(b.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option partitionBytes must be a number of bytes, not '" + b + "'");
            }
            if (bytes < 1) throw new IllegalArgumentException("option partitionBytes must be at least 1");
        }
        String onError = options.getOrDefault(ON_ERROR, "row").strip().toLowerCase(java.util.Locale.ROOT);
        if (!onError.equals("row") && !onError.equals("fail")) {
            throw new IllegalArgumentException("option onError is 'row' (a damaged file ends with an error row) or 'fail', not '" + onError + "'");
        }
        Map<String, Long> prefs = new TreeMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            // Spark lower-cases option keys; jdissect's preference ids are lower case already
            if (!e.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(PREF)) continue;
            try {
                prefs.put(e.getKey().substring(PREF.length()), Long.parseLong(e.getValue().strip()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("option " + e.getKey() + " must be a number, not '" + e.getValue() + "'");
            }
        }
        return new ScanOptions(query, bytes, onError.equals("fail"), prefs);
    }

    /** The settings every task analyses with: these preferences, one thread per task (Spark runs the tasks side by side). */
    Settings settings() {
        Settings s = Settings.DEFAULTS.withThreads(1);
        for (Map.Entry<String, Long> e : prefs.entrySet()) s = s.withPref(e.getKey(), e.getValue());
        return s;
    }
}
