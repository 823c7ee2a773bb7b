package io.jdissect.scripts;

import io.jdissect.scripts.api.DissectorApi;
import io.jdissect.scripts.api.JsObjects;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * One evaluation of a dissector's file in its own sandboxed context, with the functions it declared. A JavaScript
 * context runs on one thread at a time, so a dissector has one instance per engine worker thread; the values of
 * {@link #spec} belong to this instance's context and are only called through {@link #call}.
 */
final class ScriptInstance {
    // dropped by close(): a closed context's objects (a script's global array) stay reachable through them otherwise
    private volatile Context context;
    private volatile DissectorSpec spec;
    private volatile CallWatch watch;
    /** Makes plain JavaScript objects in this context (rows for {@code onRow}); made on first use, inside a call. */
    private JsObjects objects;

    private ScriptInstance(Context context, DissectorSpec spec, CallWatch watch) {
        this.context = context;
        this.spec = spec;
        this.watch = watch;
    }

    /**
     * Evaluates {@code code} (named by its source name in messages) in a new context on {@code engine}, which the
     * dissector's other instances share, and reads the dissector it declares.
     *
     * @throws IllegalStateException {@code NAME.js[:LINE]: what is wrong}, for a file that cannot be a dissector
     */
    static ScriptInstance start(Engine engine, Source code, ScriptLimits limits, OutputStream log) {
        String name = code.getName();
        Context context = Sandbox.context(engine, limits.callbackStatements(), log, log);
        CallWatch watch = new CallWatch(context, limits.callTimeoutMillis(), limits.callMaxBytes());
        try {
            DissectorApi api = new DissectorApi();
            context.getBindings("js").putMember("jdissect", api);
            // evaluating the file is bounded too, more loosely: it runs once, cold (interpreted)
            watch.enter(loadMillis(limits), limits.callMaxBytes());
            try {
                context.eval(code);
            } finally {
                watch.exit();
            }
            if (api.spec() == null) throw new IllegalStateException(name + ": never calls jdissect.dissector({...})");
            try {
                return new ScriptInstance(context, DissectorSpec.parse(api.spec()), watch);
            } catch (IllegalArgumentException | PolyglotException e) {
                throw new IllegalStateException(name + ": " + ScriptErrors.oneLine(String.valueOf(e.getMessage())));
            }
        } catch (PolyglotException e) {
            context.close(true);
            String why = watch.passed() == CallWatch.Bound.TIME ? "evaluating the file took longer than " + loadMillis(limits) + " ms"
                    : watch.passed() != null ? limitPassed(watch.passed(), limits) : ScriptErrors.message(e);
            throw new IllegalStateException(ScriptErrors.where(e, name) + ": " + why);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** The bound on evaluating a dissector's file: ten times a call's, and at least 10 s. */
    static long loadMillis(ScriptLimits limits) {
        return Math.max(10_000, 10 * limits.callTimeoutMillis());
    }

    DissectorSpec spec() { return spec; }

    /** The polyglot engine this instance's context runs on (shared by the dissector's instances), or null once closed. */
    Engine engine() {
        Context c = context;
        return c == null ? null : c.getEngine();
    }

    /** Only inside {@link #call}: the context is entered by one thread at a time. */
    JsObjects objects() {
        if (objects == null) objects = new JsObjects(context);
        return objects;
    }

    /**
     * Runs {@code body} in this context with a fresh statement budget, interrupted past {@code timeoutMillis} or
     * {@code maxBytes} allocated; one thread at a time.
     */
    synchronized <T> T call(long timeoutMillis, long maxBytes, Supplier<T> body) {
        Context context = this.context;
        CallWatch watch = this.watch;
        if (context == null || watch == null) throw new IllegalStateException("the dissector's context is closed");
        context.resetLimits();
        watch.enter(timeoutMillis, maxBytes);
        try {
            return body.get();
        } finally {
            watch.exit();
        }
    }

    /** Closes the context, cancelling a call in progress (from any thread): what the script held is freed. */
    void close() {
        Context c = context;
        if (c == null) return;
        try {
            c.close(true);
        } catch (RuntimeException ignored) {
            // closed already
        }
        context = null;
        spec = spec.withoutFunctions();
        watch = null;
        objects = null;
    }

    /** Bytes the calls into this context allocated so far. */
    long allocatedInCalls() {
        CallWatch w = watch;
        return w == null ? 0 : w.allocatedInCalls();
    }

    /** Which bound interrupted the last call, or null. */
    CallWatch.Bound passed() {
        CallWatch w = watch;
        return w == null ? null : w.passed();
    }

    /** What passing {@code bound} means, with the preference that raises it. */
    static String limitPassed(CallWatch.Bound bound, ScriptLimits limits) {
        if (bound == CallWatch.Bound.MEMORY) {
            return "out of memory: one call allocated more than " + limits.callMaxBytes() + " bytes (raise it with --pref "
                    + ScriptLimits.CALL_MAX_BYTES + "=BYTES)";
        }
        return "one call ran longer than " + limits.callTimeoutMillis() + " ms (raise it with --pref " + ScriptLimits.CALL_TIMEOUT + "=MS)";
    }
}
