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
        return context(statementLimit, out, err, null);
    }

    /** {@link #context(long, OutputStream, OutputStream)} on {@code engine} (null: an engine of its own). */
    static Context context(long statementLimit, OutputStream out, OutputStream err, Engine engine) {
        Context.Builder b = Context.newBuilder("js");
        if (engine != null) b.engine(engine);
        return b
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
                .err(err)
                .build();
    }

    /**
     * An engine for many contexts in turn (a batch worker's captures): each context is new and sees nothing of the
     * others, while the engine keeps what it parsed and compiled of a source it saw before. Its own messages go to {@code err}.
     */
    static Engine engine(OutputStream err) {
        return Engine.newBuilder("js").err(err).build();
    }
}
