package io.jdissect.scripts;

import io.jdissect.api.Capture;
import io.jdissect.scripts.api.CaptureApi;
import io.jdissect.scripts.api.JsObjects;
import io.jdissect.scripts.api.Out;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a batch script over one capture in a fresh sandboxed context. Whatever the script does, the result is an
 * exit code and at most one error line ({@code jdissect: NAME:LINE: message}); the JVM is never taken down.
 */
public final class ScriptRunner {
    private final ScriptLimits limits;
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintWriter jsonl;
    private final PrintWriter csv;
    private final ScriptWorkers workers;
    private Engine engine;
    private long records;

    public ScriptRunner(ScriptLimits limits, PrintWriter out, PrintWriter err) {
        this(limits, out, err, out, out);
    }

    /** {@code out.jsonl} and {@code out.csv} records go to {@code jsonl} and {@code csv} (each under the output limit). */
    public ScriptRunner(ScriptLimits limits, PrintWriter out, PrintWriter err, PrintWriter jsonl, PrintWriter csv) {
        this(limits, null, out, err, jsonl, csv);
    }

    /**
     * As {@link #ScriptRunner(ScriptLimits, PrintWriter, PrintWriter, PrintWriter, PrintWriter)}, the child JVM taken
     * from {@code workers} (the JVMs a batch keeps from capture to capture; null: one of its own for this run).
     */
    public ScriptRunner(ScriptLimits limits, ScriptWorkers workers, PrintWriter out, PrintWriter err, PrintWriter jsonl, PrintWriter csv) {
        this.limits = limits;
        this.workers = workers;
        this.out = out;
        this.err = err;
        this.jsonl = jsonl;
        this.csv = csv;
    }

    /** This runner's contexts on {@code engine}, which keeps what it compiled from one to the next (a worker's captures). */
    ScriptRunner sharing(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** Records the last {@link #run} wrote with {@code out.jsonl} and {@code out.csv}. */
    public long records() { return records; }

    /**
     * Runs {@code script} with globals {@code capture}, {@code out} and {@code args}; 0 on success, 1 on any failure.
     * With a heap limit (scripts.heap_mb, the default) it runs in a child JVM of that heap ({@link ScriptWorkers}),
     * whose output, jsonl/csv records apart from {@code out} when so given (batch --out), come back as they are written.
     */
    public int run(Path script, List<String> args, Capture capture) {
        if (limits.heapMegabytes() <= 0) return runHere(script, args, capture);
        PrintWriter jsonlApart = jsonl == out ? null : jsonl, csvApart = csv == out ? null : csv;
        ScriptProcess.Result r;
        if (workers != null) {
            r = workers.run(limits, script, args, capture, out, err, jsonlApart, csvApart);
        } else {
            try (ScriptWorkers one = new ScriptWorkers(1)) {
                r = one.run(limits, script, args, capture, out, err, jsonlApart, csvApart);
            }
        }
        records = r.records();
        return r.status();
    }

    /** {@link #run} in this JVM, whatever the heap limit: a script that fills the heap fills this JVM's. */
    public int runHere(Path script, List<String> args, Capture capture) {
        String name = script.toString();
        String code;
        try {
            code = Files.readString(script);
        } catch (IOException | RuntimeException e) {
            return fail("cannot read script " + name + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        CappedOutput stdout = new CappedOutput(out, limits.maxOutputBytes());
        CappedOutput stderr = new CappedOutput(err, limits.maxOutputBytes());
        CappedOutput jsonlOut = jsonl == out ? stdout : new CappedOutput(jsonl, limits.maxOutputBytes());
        CappedOutput csvOut = csv == out ? stdout : csv == jsonl ? jsonlOut : new CappedOutput(csv, limits.maxOutputBytes());
        Out outApi = new Out(stdout, jsonlOut, csvOut);
        records = 0;
        Context context;
        try {
            context = Sandbox.context(engine, limits.maxStatements(), stdout, stderr);
        } catch (RuntimeException e) {
            return fail("cannot start JavaScript: " + ScriptErrors.oneLine(String.valueOf(e.getMessage())));
        }
        try (Watchdog watchdog = new Watchdog(context, limits.timeoutMillis())) {
            try {
                JsObjects js = new JsObjects(context);
                Value g = context.getBindings("js");
                g.putMember("capture", new CaptureApi(capture, js, limits.maxQueryRows(), limits.maxFollowBytes(), err));
                g.putMember("out", outApi);
                g.putMember("args", js.array(args));
                context.eval(Source.newBuilder("js", code, name).buildLiteral());
                if (exceeded(stdout, stderr, jsonlOut, csvOut)) return fail(name + ": " + outputLimit());
                return 0;
            } catch (PolyglotException e) {
                return fail(describe(e, name, watchdog.fired(), exceeded(stdout, stderr, jsonlOut, csvOut)));
            } catch (IllegalStateException e) {
                // the watchdog closed the context between two calls into it
                if (watchdog.fired()) return fail(name + ": " + timeout());
                return fail(name + ": " + ScriptErrors.oneLine(String.valueOf(e.getMessage())));
            }
        } finally {
            records = outApi.records();
            stdout.flush();
            stderr.flush();
            jsonlOut.flush();
            csvOut.flush();
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // already closed by the watchdog
            }
        }
    }

    private static boolean exceeded(CappedOutput... outputs) {
        for (CappedOutput o : outputs) if (o.exceeded()) return true;
        return false;
    }

    private String describe(PolyglotException e, String name, boolean timedOut, boolean outputExceeded) {
        String where = ScriptErrors.where(e, name);
        if (timedOut) return where + ": " + timeout();
        if (e.isResourceExhausted() && !ScriptErrors.isStatementLimit(e)) {
            return where + ": out of memory (raise the script's heap with --pref " + ScriptLimits.HEAP + "=MB)";
        }
        if (e.isResourceExhausted()) {
            return where + ": statement limit of " + limits.maxStatements() + " reached (raise it with --pref " + ScriptLimits.MAX_STATEMENTS + "=N)";
        }
        if (outputExceeded) return where + ": " + outputLimit();
        if (e.isCancelled()) return where + ": cancelled";
        if (e.isInternalError() && !e.isHostException()) return where + ": internal error in the JavaScript engine: " + ScriptErrors.message(e);
        return where + ": " + ScriptErrors.message(e);
    }

    private String timeout() {
        return "timed out after " + limits.timeoutMillis() + " ms (raise it with --pref " + ScriptLimits.TIMEOUT + "=MS)";
    }

    private String outputLimit() {
        return "output limit of " + limits.maxOutputBytes() + " bytes reached (raise it with --pref " + ScriptLimits.MAX_OUTPUT + "=BYTES)";
    }

    private int fail(String line) {
        out.flush();
        err.println("jdissect: " + line);
        err.flush();
        return 1;
    }
}
