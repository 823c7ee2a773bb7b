package io.jdissect.scripts;

import io.jdissect.api.Settings;

/**
 * Bounds on what a script may use. Preferences (--pref) override the defaults by id.
 *
 * @param maxStatements  JavaScript statements a batch script may run in total ({@value #MAX_STATEMENTS})
 * @param timeoutMillis  wall-clock time a batch script may take, capture reading included ({@value #TIMEOUT})
 * @param maxOutputBytes bytes a script may print before it is stopped ({@value #MAX_OUTPUT})
 * @param maxQueryRows   rows {@code capture.query} turns into JavaScript objects; more need {@code capture.each} ({@value #MAX_QUERY_ROWS})
 * @param maxFollowBytes bytes {@code capture.follow} returns; the rest is cut ({@value #MAX_FOLLOW})
 * @param callbackStatements statements one call into a JavaScript dissector may run ({@value #CALLBACK_STATEMENTS})
 */
public record ScriptLimits(long maxStatements, long timeoutMillis, long maxOutputBytes, long maxQueryRows,
                           long maxFollowBytes, long callbackStatements) {
    public static final String MAX_STATEMENTS = "scripts.max_statements";
    public static final String TIMEOUT = "scripts.timeout_ms";
    public static final String MAX_OUTPUT = "scripts.max_output";
    public static final String MAX_QUERY_ROWS = "scripts.max_query_rows";
    public static final String MAX_FOLLOW = "scripts.max_follow_bytes";
    public static final String CALLBACK_STATEMENTS = "scripts.dissector.max_statements";

    public static final ScriptLimits DEFAULTS = new ScriptLimits(1_000_000_000L, 300_000, 64L << 20, 1_000_000, 64L << 20, 10_000_000);

    public ScriptLimits {
        if (maxStatements < 1 || timeoutMillis < 1 || maxOutputBytes < 0 || maxQueryRows < 0 || maxFollowBytes < 0 || callbackStatements < 1) {
            throw new IllegalArgumentException("script limits must be positive");
        }
    }

    /** The defaults, overridden by the preferences {@code config} sets; a non-positive value keeps the default. */
    public static ScriptLimits from(Settings config) {
        return new ScriptLimits(
                positive(config.pref(MAX_STATEMENTS, DEFAULTS.maxStatements), DEFAULTS.maxStatements),
                positive(config.pref(TIMEOUT, DEFAULTS.timeoutMillis), DEFAULTS.timeoutMillis),
                positive(config.pref(MAX_OUTPUT, DEFAULTS.maxOutputBytes), DEFAULTS.maxOutputBytes),
                positive(config.pref(MAX_QUERY_ROWS, DEFAULTS.maxQueryRows), DEFAULTS.maxQueryRows),
                positive(config.pref(MAX_FOLLOW, DEFAULTS.maxFollowBytes), DEFAULTS.maxFollowBytes),
                positive(config.pref(CALLBACK_STATEMENTS, DEFAULTS.callbackStatements), DEFAULTS.callbackStatements));
    }

    private static long positive(long v, long dflt) {
        return v > 0 ? v : dflt;
    }
}
