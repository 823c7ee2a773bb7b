package io.jdissect.scripts;

import io.jdissect.api.Settings;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.PrefDef;

import java.util.List;

/**
 * Bounds on what a script may use. Preferences (--pref) override the defaults by id.
 *
 * @param maxStatements  JavaScript statements a batch script may run in total ({@link #MAX_STATEMENTS})
 * @param timeoutMillis  wall-clock time a batch script may take, capture reading included ({@link #TIMEOUT})
 * @param maxOutputBytes bytes a script may print before it is stopped ({@link #MAX_OUTPUT})
 * @param maxQueryRows   rows {@code capture.query} turns into JavaScript objects; more need {@code capture.each} ({@link #MAX_QUERY_ROWS})
 * @param maxFollowBytes bytes {@code capture.follow} returns; the rest is cut ({@link #MAX_FOLLOW})
 * @param callbackStatements statements one call into a JavaScript dissector may run ({@link #CALLBACK_STATEMENTS})
 * @param callTimeoutMillis  wall-clock time one call into a JavaScript dissector may take ({@link #CALL_TIMEOUT})
 * @param callMaxBytes       bytes one call into a JavaScript dissector may allocate ({@link #CALL_MAX_BYTES})
 * @param heapMegabytes      the heap (-Xmx) of the child JVM a batch script runs in; 0 runs it in this JVM ({@link #HEAP})
 */
public record ScriptLimits(long maxStatements, long timeoutMillis, long maxOutputBytes, long maxQueryRows,
                           long maxFollowBytes, long callbackStatements, long callTimeoutMillis, long callMaxBytes,
                           long heapMegabytes) {
    private static final Declarations DECL = Declarations.builtIn("scripts");

    // each limit once: id, default, accepted range
    public static final PrefDef<Long> MAX_STATEMENTS = DECL.longLimit("max_statements", 1_000_000_000L, "JavaScript statements a batch script may run");
    public static final PrefDef<Long> TIMEOUT = DECL.longLimit("timeout_ms", 300_000, "milliseconds a batch script may take");
    public static final PrefDef<Long> MAX_OUTPUT = DECL.longLimit("max_output", 64L << 20, "bytes a script may print");
    public static final PrefDef<Long> MAX_QUERY_ROWS = DECL.longLimit("max_query_rows", 1_000_000, "rows capture.query returns to a script");
    public static final PrefDef<Long> MAX_FOLLOW = DECL.longLimit("max_follow_bytes", 64L << 20, "bytes capture.follow returns to a script");
    public static final PrefDef<Long> CALLBACK_STATEMENTS = DECL.longLimit("dissector.max_statements", 10_000_000, "statements one call into a JavaScript dissector may run");
    public static final PrefDef<Long> CALL_TIMEOUT = DECL.longLimit("dissector.timeout_ms", 2_000, "milliseconds one call into a JavaScript dissector may take");
    public static final PrefDef<Long> CALL_MAX_BYTES = DECL.longLimit("dissector.max_call_bytes", 128L << 20, "bytes one call into a JavaScript dissector may allocate");
    public static final PrefDef<Long> HEAP_PERCENT = DECL.longRange("dissector.max_heap_percent", 85, 10, 100,
            "percent of the heap's old generation still in use after a collection at which JavaScript dissectors are stopped (what they keep between calls counts there)");
    public static final PrefDef<Long> HEAP = DECL.longRange("heap_mb", 1024, 0, 1L << 20, "MB of heap of the child JVM a batch script runs in (0: in jdissect's own JVM, unbounded)");

    /** The limits as preferences (declared to the engine by {@link ScriptPrefs}). */
    public static final List<PrefDef<?>> PREFS = DECL.prefs();

    public static final ScriptLimits DEFAULTS = new ScriptLimits(MAX_STATEMENTS.defaultTyped(), TIMEOUT.defaultTyped(),
            MAX_OUTPUT.defaultTyped(), MAX_QUERY_ROWS.defaultTyped(), MAX_FOLLOW.defaultTyped(), CALLBACK_STATEMENTS.defaultTyped(),
            CALL_TIMEOUT.defaultTyped(), CALL_MAX_BYTES.defaultTyped(), HEAP.defaultTyped());

    public ScriptLimits {
        if (maxStatements < 1 || timeoutMillis < 1 || maxOutputBytes < 0 || maxQueryRows < 0 || maxFollowBytes < 0 || callbackStatements < 1
                || callTimeoutMillis < 1 || callMaxBytes < 1 || heapMegabytes < 0 || (heapMegabytes > 0 && heapMegabytes < 64)) {
            throw new IllegalArgumentException("script limits must be positive (and a script's heap at least 64 MB)");
        }
    }

    /** The limits of batch scripts, with the defaults for calls into JavaScript dissectors. */
    public ScriptLimits(long maxStatements, long timeoutMillis, long maxOutputBytes, long maxQueryRows, long maxFollowBytes, long callbackStatements) {
        this(maxStatements, timeoutMillis, maxOutputBytes, maxQueryRows, maxFollowBytes, callbackStatements,
                CALL_TIMEOUT.defaultTyped(), CALL_MAX_BYTES.defaultTyped(), HEAP.defaultTyped());
    }

    /** These limits with one call into a dissector bounded by {@code millis} and {@code bytes} instead. */
    public ScriptLimits withCallBounds(long millis, long bytes) {
        return new ScriptLimits(maxStatements, timeoutMillis, maxOutputBytes, maxQueryRows, maxFollowBytes, callbackStatements, millis, bytes, heapMegabytes);
    }

    /** These limits with a batch script's heap of {@code megabytes} (0: in this JVM). */
    public ScriptLimits withHeap(long megabytes) {
        return new ScriptLimits(maxStatements, timeoutMillis, maxOutputBytes, maxQueryRows, maxFollowBytes, callbackStatements,
                callTimeoutMillis, callMaxBytes, megabytes);
    }

    /** The limits as numbers, in the order of the components (for a child JVM's command line). */
    List<String> asArguments() {
        return java.util.stream.LongStream.of(maxStatements, timeoutMillis, maxOutputBytes, maxQueryRows, maxFollowBytes,
                callbackStatements, callTimeoutMillis, callMaxBytes, heapMegabytes).mapToObj(Long::toString).toList();
    }

    /** The inverse of {@link #asArguments}. */
    static ScriptLimits fromArguments(List<String> a) {
        long[] v = a.stream().mapToLong(Long::parseLong).toArray();
        return new ScriptLimits(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** The defaults, overridden by the preferences of {@code config}. */
    public static ScriptLimits from(Settings config) {
        return new ScriptLimits(config.pref(MAX_STATEMENTS), config.pref(TIMEOUT), config.pref(MAX_OUTPUT),
                config.pref(MAX_QUERY_ROWS), config.pref(MAX_FOLLOW), config.pref(CALLBACK_STATEMENTS),
                config.pref(CALL_TIMEOUT), config.pref(CALL_MAX_BYTES), config.pref(HEAP));
    }
}
