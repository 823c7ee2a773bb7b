package io.jdissect.scripts;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.scripts.api.DissectorApi;
import io.jdissect.scripts.api.StreamApi;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.Source;
import io.jdissect.spi.StreamContext;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source.Builder;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A dissector written in JavaScript: one file, one sandboxed context. Its fields, anomalies and sources are
 * declared as the same records Java dissectors return, so the registry checks them the same way. Every call into
 * the script is serialised on this object and may run at most scripts.dissector.max_statements statements.
 */
public final class ScriptDissector implements Dissector {
    private final String file;
    private final Context context;
    private final DissectorSpec spec;
    private final long statementLimit;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    /** Why the script can no longer run (its context was cancelled), or null. */
    private String dead;

    private ScriptDissector(String file, Context context, DissectorSpec spec, long statementLimit) {
        this.file = file;
        this.context = context;
        this.spec = spec;
        this.statementLimit = statementLimit;
        spec.sources().forEach(s -> sources.put(s.name(), s));
    }

    /**
     * Runs {@code path} in a new sandbox and reads the dissector it declares; its print output goes to {@code log}.
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
        Context context = Sandbox.context(limits.callbackStatements(), log, log);
        try {
            DissectorApi api = new DissectorApi();
            context.getBindings("js").putMember("jdissect", api);
            Builder src = org.graalvm.polyglot.Source.newBuilder("js", code, name);
            context.eval(src.buildLiteral());
            if (api.spec() == null) throw new IllegalStateException(name + ": never calls jdissect.dissector({...})");
            DissectorSpec spec;
            try {
                spec = DissectorSpec.parse(api.spec());
            } catch (IllegalArgumentException | PolyglotException e) {
                throw new IllegalStateException(name + ": " + ScriptErrors.oneLine(String.valueOf(e.getMessage())));
            }
            return new ScriptDissector(name, context, spec, limits.callbackStatements());
        } catch (PolyglotException e) {
            context.close(true);
            throw new IllegalStateException(ScriptErrors.where(e, name) + ": " + ScriptErrors.message(e));
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    @Override public String id() { return spec.id(); }

    @Override public String description() { return spec.description(); }

    @Override public List<FieldDef<?>> fields() { return spec.fields(); }

    @Override public List<AnomalyDef> anomalies() { return spec.anomalies(); }

    @Override public List<Source> sources() { return spec.sources(); }

    /** The file this dissector came from. */
    public String file() { return file; }

    @Override
    public synchronized void handoff(Handoff handoff) {   // reads script values: under the lock, as call() is
        if (spec.stream() != null) {
            for (int port : spec.tcpPorts()) handoff.tcpPort(port, c -> new ScriptStreamDecoder(this, c, spec.stream()));
            if (spec.heuristic() != null) {
                handoff.tcpHeuristic(new ScriptHeuristic(this, spec.heuristic()), c -> new ScriptStreamDecoder(this, c, spec.stream()));
            }
            if (spec.upgrade() != null) handoff.upgrade(spec.upgrade(), c -> new ScriptStreamDecoder(this, c, spec.stream()));
            handoff.decodeAs(c -> new ScriptStreamDecoder(this, c, spec.stream()));
        }
        Value m = spec.messages();
        if (m != null) {
            Value test = m.getMember("heuristic");
            boolean always = test == null || test.isNull();
            handoff.messages(m.getMember("table").asString(),
                    message -> always || call(() -> truthy(test.execute(message.utf8()))),
                    c -> new ScriptMessageDecoder(this, c, m));
        }
    }

    StreamApi newStreamApi(StreamContext c) {
        return new StreamApi(c, spec.declarations(), sources);
    }

    /**
     * Runs {@code body} in the script with a fresh statement budget.
     *
     * @throws ScriptFailure {@code NAME.js:LINE: message} when the script throws; after a limit, always
     */
    synchronized <T> T call(Supplier<T> body) {
        if (dead != null) throw new ScriptFailure(dead);
        try {
            context.resetLimits();
            return body.get();
        } catch (PolyglotException e) {
            String where = ScriptErrors.where(e, file);
            if (e.isResourceExhausted() || e.isCancelled() || e.isExit()) {
                dead = where + ": " + (e.isResourceExhausted()
                        ? "statement limit of " + statementLimit + " for one call reached; dissector " + spec.id() + " stopped"
                        : "script stopped; dissector " + spec.id() + " stopped");
                throw new ScriptFailure(dead);
            }
            throw new ScriptFailure(where + ": " + ScriptErrors.message(e));
        } catch (IllegalStateException e) {
            dead = file + ": " + ScriptErrors.oneLine(String.valueOf(e.getMessage()));
            throw new ScriptFailure(dead);
        }
    }

    static boolean truthy(Value v) {
        return v != null && v.isBoolean() && v.asBoolean();
    }

    @Override
    public String toString() { return "ScriptDissector[" + spec.id() + " from " + file + "]"; }
}
