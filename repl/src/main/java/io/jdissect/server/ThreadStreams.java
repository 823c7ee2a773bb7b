package io.jdissect.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Function;

/**
 * System.out, System.err and System.in for the engine, where each request's command sees its client's streams:
 * the JVM-wide streams are replaced once by ones that pass each call on to the streams of the request the calling
 * thread (or the thread that started it) serves, and to the engine's own (its log) on any other thread.
 */
final class ThreadStreams {
    /** The streams of one request. */
    record Streams(PrintStream out, PrintStream err, InputStream in) { }

    private static final InheritableThreadLocal<Streams> CURRENT = new InheritableThreadLocal<>();
    private static boolean installed;

    private ThreadStreams() { }

    static synchronized void install() {
        if (installed) return;
        installed = true;
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        Charset cs = out.charset();
        System.setOut(new PrintStream(new Dispatch(out, Streams::out), true, cs));
        System.setErr(new PrintStream(new Dispatch(err, Streams::err), true, err.charset()));
        System.setIn(new InputStream() {
            private InputStream target() {
                Streams s = CURRENT.get();
                return s == null ? in : s.in();
            }
            @Override public int read() throws IOException { return target().read(); }
            @Override public int read(byte[] b, int off, int len) throws IOException { return target().read(b, off, len); }
            @Override public int available() throws IOException { return target().available(); }
        });
    }

    static void set(Streams s) {
        CURRENT.set(s);
    }

    static void clear() {
        CURRENT.remove();
    }

    private static final class Dispatch extends OutputStream {
        private final PrintStream own;
        private final Function<Streams, PrintStream> pick;

        Dispatch(PrintStream own, Function<Streams, PrintStream> pick) {
            this.own = own;
            this.pick = pick;
        }

        private PrintStream target() {
            Streams s = CURRENT.get();
            return s == null ? own : pick.apply(s);
        }

        @Override public void write(int b) { target().write(b); }
        @Override public void write(byte[] b, int off, int len) { target().write(b, off, len); }
        @Override public void flush() { target().flush(); }
    }
}
