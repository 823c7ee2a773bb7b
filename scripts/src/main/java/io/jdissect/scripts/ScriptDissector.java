package io.jdissect.scripts;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.scripts.api.StreamApi;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.Source;
import io.jdissect.spi.StreamContext;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A dissector written in JavaScript: one file, evaluated in up to one sandboxed context per core
 * ({@link ScriptInstance}), so that worker threads decode flows with it side by side (a thread uses the instance
 * of its stripe, by thread id: the engine's workers, started together, have consecutive ids). Its fields, anomalies and sources are declared as the same records Java dissectors
 * return, so the registry checks them the same way. Every call into the script may run at most
 * scripts.dissector.max_statements statements, take scripts.dissector.timeout_ms and allocate
 * scripts.dissector.max_call_bytes; past a bound the dissector is stopped (every flow it decodes gets the anomaly).
 */
public final class ScriptDissector implements Dissector {
    private final String file;
    /** The file's text, evaluated in each context of {@link #engine}, which parses and compiles it once for them all. */
    private final org.graalvm.polyglot.Source code;
    /** Dropped with the contexts when the dissector is stopped: a closed engine still reaches what its first context held. */
    private volatile Engine engine;
    private final ScriptLimits limits;
    private final OutputStream log;
    /** What the file declared; without its functions once the dissector is stopped for memory. */
    private volatile DissectorSpec spec;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    /** Instances by stripe, made when a thread first needs one; the first is the one loaded. */
    private final ScriptInstance[] instances;
    private final ScriptWarnings warnings;
    /** Why the script can no longer run (a bound was passed), or null. */
    private volatile String dead;

    private ScriptDissector(String file, Engine engine, org.graalvm.polyglot.Source code, ScriptLimits limits, OutputStream log, ScriptInstance first) {
        this.file = file;
        this.engine = engine;
        this.code = code;
        this.limits = limits;
        this.log = log;
        this.spec = first.spec();
        this.warnings = new ScriptWarnings(file, log);
        spec.sources().forEach(s -> sources.put(s.name(), s));
        this.instances = new ScriptInstance[Math.max(1, Runtime.getRuntime().availableProcessors())];
        this.instances[0] = first;
        HeapWatch.watch(this, ScriptLimits.HEAP_PERCENT.defaultTyped());
    }

    /**
     * Runs {@code path} in a new sandbox and reads the dissector it declares; its print output and warnings go to {@code log}.
     *
     * @throws IllegalStateException {@code NAME.js[:LINE]: what is wrong}, for a file that cannot be a dissector
     */
    public static ScriptDissector load(Path path, ScriptLimits limits, OutputStream log) {
        String name = path.getFileName().toString();
        String code;
        try {
            code = Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot read: " + e.getMessage(), e);
        }
        var source = org.graalvm.polyglot.Source.newBuilder("js", code, name).buildLiteral();
        Engine engine = Sandbox.engine(log);
        try {
            return new ScriptDissector(name, engine, source, limits, log, ScriptInstance.start(engine, source, limits, log));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The file again, for a new worker thread: it must declare the same dissector. */
    private ScriptInstance another() {
        ScriptInstance i = ScriptInstance.start(engine, code, limits, log);
        if (!i.spec().id().equals(spec.id()) || !ids(i.spec()).equals(ids(spec))) {
            throw new ScriptFailure(file + ": declared a different dissector when evaluated again; its declarations must not depend on anything but the file");
        }
        return i;
    }

    private static List<String> ids(DissectorSpec s) {
        return java.util.stream.Stream.concat(s.fields().stream().map(f -> f.id() + ":" + f.type()), s.sources().stream().map(Source::name)).toList();
    }

    @Override public String id() { return spec.id(); }

    @Override public String description() { return spec.description(); }

    @Override public List<FieldDef<?>> fields() { return spec.fields(); }

    @Override public List<AnomalyDef> anomalies() { return spec.anomalies(); }

    @Override public List<Source> sources() { return spec.sources(); }

    /** The file this dissector came from. */
    public String file() { return file; }

    /** Runtime failures of this dissector, each warned about on standard error. */
    public long failures() { return warnings.count(); }

    @Override
    public void handoff(Handoff handoff) {
        if (dead != null) return;   // stopped in an earlier analysis of this JVM (its contexts are closed): it claims nothing
        if (spec.stream() != null) {
            for (int port : spec.tcpPorts()) handoff.tcpPort(port, spec.priority(), this::streamDecoder);
            if (spec.heuristic() != null) handoff.tcpHeuristic(new ScriptHeuristic(this), this::streamDecoder);
            if (spec.upgrade() != null) handoff.upgrade(spec.upgrade(), this::streamDecoder);
            handoff.decodeAs(this::streamDecoder);
        }
        if (spec.extendsSource() != null) handoff.extend(spec.extendsSource(), spec.fields(), new ScriptRowExtension(this, spec.declarations()));
        if (spec.messages() != null) {
            // script values are read under the loaded instance's lock, as calls are: another analysis may be in it
            ScriptInstance first = instances[0];
            boolean tested = first.call(limits.callTimeoutMillis(), limits.callMaxBytes(),
                    () -> first.spec().messages().getMember("heuristic") != null && !first.spec().messages().getMember("heuristic").isNull());
            String table = first.call(limits.callTimeoutMillis(), limits.callMaxBytes(), () -> first.spec().messages().getMember("table").asString());
            String replaced = first.call(limits.callTimeoutMillis(), limits.callMaxBytes(), () -> {
                Value r = first.spec().messages().getMember("replaces");
                return r == null || r.isNull() ? null : r.asString();
            });
            io.jdissect.spi.MessageDecoder.Heuristic test = message -> !tested || heuristicCall(null, i ->
                    truthy(i.spec().messages().getMember("heuristic").execute(message.utf8())));
            io.jdissect.spi.MessageDecoder.Factory decoder = c -> new ScriptMessageDecoder(this, instance(), c);
            if (replaced == null) handoff.messages(table, test, decoder);
            else handoff.messagesReplacing(replaced, table, test, decoder);
        }
    }

    private ScriptStreamDecoder streamDecoder(StreamContext c) {
        return new ScriptStreamDecoder(this, instance(), c);
    }

    /** This thread's instance of the script. */
    ScriptInstance instance() {
        if (dead != null) throw new ScriptFailure(dead);
        int stripe = (int) (Thread.currentThread().threadId() % instances.length);
        ScriptInstance i = instances[stripe];
        if (i != null) return i;
        synchronized (instances) {
            if (instances[stripe] == null) instances[stripe] = another();
            return instances[stripe];
        }
    }

    StreamApi newStreamApi(StreamContext c) {
        return new StreamApi(c, spec.declarations(), sources);
    }

    /** A heuristic's call: it has no flow yet, and its failure only declines (warned about once per failure). */
    boolean heuristicCall(StreamContext flow, Function<ScriptInstance, Boolean> body) {
        try {
            ScriptInstance i = instance();
            return call(i, flow, () -> body.apply(i));
        } catch (ScriptFailure e) {
            return false;
        }
    }

    /**
     * Runs {@code body} in {@code instance} for {@code flow} (null before a flow is chosen), bounded by the flow's
     * preferences.
     *
     * @throws ScriptFailure {@code NAME.js:LINE: message} when the script throws; after a bound, always
     */
    <T> T call(ScriptInstance instance, StreamContext flow, Supplier<T> body) {
        if (dead != null) throw new ScriptFailure(dead);
        long millis = flow == null ? limits.callTimeoutMillis() : flow.pref(ScriptLimits.CALL_TIMEOUT.id(), limits.callTimeoutMillis());
        long bytes = flow == null ? limits.callMaxBytes() : flow.pref(ScriptLimits.CALL_MAX_BYTES.id(), limits.callMaxBytes());
        if (flow != null) HeapWatch.arm(flow.pref(ScriptLimits.HEAP_PERCENT.id(), ScriptLimits.HEAP_PERCENT.defaultTyped()));
        try {
            return instance.call(millis, bytes, body);
        } catch (PolyglotException e) {
            if (dead != null) throw new ScriptFailure(dead);   // stopped meanwhile (the heap bound closed the context)
            if (e.isResourceExhausted() && !ScriptErrors.isStatementLimit(e) && instance.passed() == null) {
                // the heap filled before the heap watch could stop the dissectors: the same stop, the same advice
                stopForMemory(HeapWatch.why(100, Runtime.getRuntime().maxMemory()).replace("after a collection", "during a call"));
                throw new ScriptFailure(dead);
            }
            String where = ScriptErrors.where(e, file);
            if (e.isResourceExhausted() || e.isCancelled() || e.isExit() || e.isInterrupted()) {
                ScriptLimits bounds = limits.withCallBounds(millis, bytes);
                String why = instance.passed() != null ? ScriptInstance.limitPassed(instance.passed(), bounds)
                        : ScriptErrors.isStatementLimit(e) ? "statement limit of " + limits.callbackStatements() + " for one call reached (raise it with --pref "
                                + ScriptLimits.CALLBACK_STATEMENTS + "=N)"
                        : e.isResourceExhausted() ? "out of memory (the JVM's heap; raise -Xmx in JDISSECT_JAVA_OPTS)"
                        : "script stopped";
                dead = where + ": " + why + "; dissector " + spec.id() + " stopped";
                warnings.warn(ScriptErrors.whereExact(e, file), why + "; dissector " + spec.id() + " stopped", flow);
                throw new ScriptFailure(dead);
            }
            String message = ScriptErrors.message(e);
            warnings.warn(ScriptErrors.whereExact(e, file), message, flow);
            throw new ScriptFailure(where + ": " + message);
        } catch (IllegalStateException e) {
            if (dead != null) throw new ScriptFailure(dead);
            dead = file + ": " + ScriptErrors.oneLine(String.valueOf(e.getMessage()));
            warnings.warn(file, ScriptErrors.oneLine(String.valueOf(e.getMessage())), flow);
            throw new ScriptFailure(dead);
        }
    }

    /**
     * Stops this dissector for the heap bound ({@link HeapWatch}): one warning line, every later call fails with
     * {@code why}, and its contexts are closed so that what they held is freed.
     */
    void stopForMemory(String why) {
        synchronized (this) {
            if (dead != null) return;
            dead = file + ": " + why + "; dissector " + spec.id() + " stopped";
        }
        warnings.warn(file, why + "; dissector " + spec.id() + " stopped", null);
        synchronized (instances) {
            for (int k = 0; k < instances.length; k++) {
                if (instances[k] != null) instances[k].close();
                instances[k] = null;   // never made again: instance() fails first, as this dissector is dead
            }
            // and the engine the contexts shared: its code caches may still reach what they held
            try {
                engine.close(true);
            } catch (RuntimeException ignored) {
                // closed already
            }
            engine = null;
        }
        spec = spec.withoutFunctions();
    }

    /** Whether the heap bound (or another) stopped this dissector. */
    boolean stopped() { return dead != null; }

    /** Bytes the calls into this dissector allocated so far, in all its contexts. */
    long allocatedInCalls() {
        long sum = 0;
        for (ScriptInstance i : instances) if (i != null) sum += i.allocatedInCalls();
        return sum;
    }

    /** A failure found on the Java side of a call (what the script returned): warned about like a thrown error. */
    ScriptFailure failed(String message, StreamContext flow) {
        warnings.warn(file, message, flow);
        return new ScriptFailure(file + ": " + message);
    }

    static boolean truthy(Value v) {
        return v != null && v.isBoolean() && v.asBoolean();
    }

    @Override
    public String toString() { return "ScriptDissector[" + spec.id() + " from " + file + "]"; }
}
