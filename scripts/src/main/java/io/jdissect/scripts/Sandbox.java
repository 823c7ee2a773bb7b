package io.jdissect.scripts;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.IOAccess;

import java.io.OutputStream;

/**
 * The one place JavaScript contexts are built. A script sees only the members of io.jdissect.scripts.api
 * marked {@link HostAccess.Export}: no class lookup, files, threads, processes, native code or environment.
 */
public final class Sandbox {
    /**
     * Exported members only; no reflection on lists, maps or arrays of other host objects. Buffers are readable:
     * the only ones a script is given are read-only views of capture bytes ({@code Bytes.buffer()}).
     */
    static final HostAccess POLICY = HostAccess.newBuilder()
            .allowAccessAnnotatedBy(HostAccess.Export.class)
            .allowPublicAccess(false)
            .allowAllImplementations(false)
            .allowAllClassImplementations(false)
            .allowArrayAccess(false)
            .allowListAccess(false)
            .allowMapAccess(false)
            .allowBufferAccess(true)
            .allowIterableAccess(false)
            .allowIteratorAccess(false)
            .build();

    private Sandbox() { }

    /**
     * A new context whose scripts stop after {@code statementLimit} statements (counted until
     * {@link Context#resetLimits()}); {@code out} and {@code err} receive print/console output.
     */
    static Context context(long statementLimit, OutputStream out, OutputStream err) {
        return builder(statementLimit, out, err).build();
    }

    /**
     * A polyglot engine for many contexts ({@link #context(Engine, long, OutputStream, OutputStream)}): those of one
     * JavaScript dissector, or a batch worker's captures one after another. They share its parsed code, profiles and
     * compiled code, so a file is parsed and compiled once, not once per context, while each context is new and sees
     * nothing of the others' globals. Print output goes to each context's own streams; the engine's own messages to
     * {@code log}.
     */
    static Engine engine(OutputStream log) {
        return Engine.newBuilder("js").out(log).err(log).build();
    }

    /** A context as {@link #context(long, OutputStream, OutputStream)}, on {@code engine} (null: one of its own): its code is shared. */
    static Context context(Engine engine, long statementLimit, OutputStream out, OutputStream err) {
        Context.Builder b = builder(statementLimit, out, err);
        return (engine == null ? b : b.engine(engine)).build();
    }

    private static Context.Builder builder(long statementLimit, OutputStream out, OutputStream err) {
        return Context.newBuilder("js")
                .allowHostAccess(POLICY)
                .allowHostClassLookup(c -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(statementLimit, null).build())
                .out(out)
                .err(err);
    }
}
