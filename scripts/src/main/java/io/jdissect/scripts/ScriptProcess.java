package io.jdissect.scripts;

import io.jdissect.api.Capture;
import io.jdissect.api.Settings;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child JVM with its own heap ({@code -Xmx}, scripts.heap_mb) that runs batch scripts capture after capture
 * ({@link ScriptWorker}, over {@link WorkerProtocol}). GraalVM community edition has no per-context heap limit
 * (sandbox.MaxHeapMemory is Enterprise only), and a script that fills a shared heap takes the whole JVM with it; in
 * a child it can only fill its own, which then exits (-XX:+ExitOnOutOfMemoryError) and is reported as out of memory
 * for that capture; the next capture gets another child. The child gets this JVM's options (the Graal JIT's JVMCI
 * flags among them, so JavaScript is compiled there too) and opens each capture again with the same settings.
 * One capture runs in it at a time; its output streams back into that capture's writers as it is flushed.
 */
final class ScriptProcess implements AutoCloseable {
    /** What the JVM prints when -XX:+ExitOnOutOfMemoryError ends it, and the status it exits with. */
    private static final String JVM_OOM = "Terminating due to java.lang.OutOfMemoryError";
    private static final int JVM_OOM_STATUS = 3;
    /** Time beyond the script's own timeout before the child is killed: its start-up, the capture's opening. */
    private static final long GRACE_MILLIS = 30_000;
    /** What the JVM prints to its standard error between two captures, kept for the next one: at most this much. */
    private static final int MAX_HELD = 64 << 10;

    /** A capture's exit status, and the records it wrote with {@code out.jsonl} and {@code out.csv}. */
    record Result(int status, long records) { }

    private final Process child;
    private final long heapMegabytes;
    private final DataOutputStream requests;
    private final Thread frames;
    private final Thread jvmErr;
    /** The JVM's out-of-memory line, kept from its standard error rather than copied. */
    private final StringBuilder oomLine = new StringBuilder();
    private final StringBuilder held = new StringBuilder();
    private volatile Job current;
    /** Set once the child's frames ended (it is gone): a capture given to it then fails at once. */
    private volatile boolean ended;

    /** One capture's run: where its frames go, and its end. */
    private static final class Job {
        final PrintWriter out, err, jsonl, csv;
        final Text[] text = {new Text(), new Text(), new Text(), new Text()};
        final CompletableFuture<Result> done = new CompletableFuture<>();

        Job(PrintWriter out, PrintWriter err, PrintWriter jsonl, PrintWriter csv) {
            this.out = out;
            this.err = err;
            this.jsonl = jsonl;
            this.csv = csv;
        }
    }

    private ScriptProcess(Process child, long heapMegabytes) {
        this.child = child;
        this.heapMegabytes = heapMegabytes;
        this.requests = new DataOutputStream(new java.io.BufferedOutputStream(child.getOutputStream()));
        this.frames = Thread.ofPlatform().daemon().name("jdissect-script-frames").start(this::readFrames);
        this.jvmErr = Thread.ofPlatform().daemon().name("jdissect-script-stderr").start(this::readJvmErr);
    }

    /** Starts a child JVM of {@code heapMegabytes} of heap. */
    static ScriptProcess start(long heapMegabytes) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions());
        cmd.add("-Xmx" + heapMegabytes + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // the JVM's own messages (its out-of-memory line) on standard error: standard output carries frames only
        cmd.add("-XX:+DisplayVMOutputToStderr");
        // a full heap is reported once collections take half the time and free less than a fifth of it, not only
        // at 98% and 2% (the defaults), after minutes of thrashing (Parallel GC, the launcher's)
        cmd.add("-XX:GCTimeLimit=50");
        cmd.add("-XX:GCHeapFreeLimit=20");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScriptWorker.class.getName());
        return new ScriptProcess(new ProcessBuilder(cmd).start(), heapMegabytes);
    }

    long heapMegabytes() { return heapMegabytes; }

    boolean alive() { return child.isAlive(); }

    /**
     * Runs {@code script} over {@code capture} in this child: its standard output and error stream into {@code out}
     * and {@code err}, its {@code out.jsonl}/{@code out.csv} records into {@code jsonl}/{@code csv} when given (else
     * into {@code out}; the same writer for both: one file). A script that ends the child (out of memory, a kill at its
     * time limit) is reported in {@code err}, and the child is then gone ({@link #alive()}).
     */
    Result run(ScriptLimits limits, Path script, List<String> args, Capture capture, PrintWriter out, PrintWriter err,
               PrintWriter jsonl, PrintWriter csv) {
        List<String> request = new ArrayList<>(limits.asArguments());
        request.add(script.toString());
        request.add(capture.path().toString());
        request.addAll(settings(capture.settings()));
        if (jsonl != null) request.add("out:jsonl");
        if (csv != null) request.add(csv == jsonl ? "out:csv=jsonl" : "out:csv");
        request.add("--");
        request.addAll(args);
        Job job = new Job(out, err, jsonl == null ? out : jsonl, csv == null ? out : csv);
        synchronized (held) {
            current = job;
            if (!held.isEmpty()) err.append(held);   // what the JVM said since the last capture (its start-up)
            held.setLength(0);
        }
        if (ended) job.done.completeExceptionally(new IOException("the script's JVM ended"));   // before this capture was given
        try {
            WorkerProtocol.writeRequest(requests, request);
        } catch (IOException e) {
            // the child is gone: its end says why
        }
        try {
            return job.done.get(limits.timeoutMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            return new Result(fail(err, script + ": timed out after " + limits.timeoutMillis() + " ms (raise it with --pref " + ScriptLimits.TIMEOUT + "=MS)"), 0);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return new Result(fail(err, script + ": interrupted"), 0);
        } catch (ExecutionException e) {
            return new Result(ended(script, err), 0);
        } finally {
            current = null;
        }
    }

    /** The child ended during a capture: out of memory, or otherwise. */
    private int ended(Path script, PrintWriter err) {
        int status;
        try {
            status = child.waitFor();
            jvmErr.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, script + ": interrupted");
        }
        boolean oom;
        synchronized (oomLine) {
            oom = oomLine.indexOf(JVM_OOM) >= 0;
        }
        if (status == JVM_OOM_STATUS && oom) {
            return fail(err, script + ": out of memory: the script's heap of " + heapMegabytes + " MB is full (raise it with --pref "
                    + ScriptLimits.HEAP + "=MB)");
        }
        return fail(err, script + ": the script's JVM ended with exit status " + status);
    }

    private void kill() {
        child.destroyForcibly();
        try {
            child.waitFor();
            frames.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the child (between captures it only waits for the next; a kill loses nothing). */
    @Override
    public void close() {
        child.destroyForcibly();
    }

    /** Dispatches the child's frames to the capture being run; at their end (the child is gone) that capture fails. */
    private void readFrames() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(child.getInputStream(), 1 << 16))) {
            for (WorkerProtocol.Frame f = WorkerProtocol.readFrame(in); f != null; f = WorkerProtocol.readFrame(in)) {
                Job job = current;
                if (job == null) {   // nothing runs (a thread of the child printed between two captures): the next capture's
                    if (f.kind() != WorkerProtocol.DONE) hold(new String(f.payload(), StandardCharsets.UTF_8));
                    continue;
                }
                if (f.kind() == WorkerProtocol.DONE) {
                    ByteBuffer b = ByteBuffer.wrap(f.payload());
                    for (int k = 0; k < 4; k++) write(job, k, job.text[k].end());
                    flush(job);
                    job.done.complete(new Result(b.getInt(), b.getLong()));
                    continue;
                }
                int k = switch (f.kind()) {
                    case WorkerProtocol.OUT -> 0;
                    case WorkerProtocol.ERR -> 1;
                    case WorkerProtocol.JSONL -> 2;
                    case WorkerProtocol.CSV -> 3;
                    default -> throw new IOException("unknown frame kind " + f.kind());
                };
                write(job, k, job.text[k].decode(f.payload()));
                if (in.available() == 0) flush(job);
            }
        } catch (IOException e) {
            // the child is gone, or broke the protocol: it is killed, and the capture fails with its status
            child.destroyForcibly();
        }
        ended = true;
        Job job = current;
        if (job != null) {
            flush(job);
            job.done.completeExceptionally(new IOException("the script's JVM ended"));
        }
    }

    private static void write(Job job, int kind, String s) {
        if (s.isEmpty()) return;
        (switch (kind) {
            case 0 -> job.out;
            case 1 -> job.err;
            case 2 -> job.jsonl;
            default -> job.csv;
        }).write(s);
    }

    private static void flush(Job job) {
        job.out.flush();
        job.err.flush();
        job.jsonl.flush();
        job.csv.flush();
    }

    /** Copies the JVM's own lines into the running capture's errors (held for the next one between two); keeps its out-of-memory line apart. */
    private void readJvmErr() {
        try (Reader r = new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = r.read()) >= 0) {
                line.append((char) c);
                if (c == '\n') jvmLine(line);
            }
            jvmLine(line);
        } catch (IOException ignored) {
            // the child is gone; its status says how
        }
    }

    private void hold(CharSequence s) {
        synchronized (held) {
            if (held.length() + s.length() <= MAX_HELD) held.append(s);
        }
    }

    private void jvmLine(StringBuilder line) {
        if (line.isEmpty()) return;
        if (line.indexOf(JVM_OOM) >= 0) {
            synchronized (oomLine) {
                oomLine.append(line);
            }
        } else {
            synchronized (held) {
                Job job = current;
                if (job != null) {
                    job.err.append(line);
                    job.err.flush();
                } else if (held.length() + line.length() <= MAX_HELD) {
                    held.append(line);
                }
            }
        }
        line.setLength(0);
    }

    /** This JVM's options less those about its own heap, agents (debuggers, coverage) and start-up archives. */
    private static List<String> jvmOptions() {
        List<String> keep = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:MaxRAM") || a.startsWith("-XX:InitialRAM")
                    || a.startsWith("-XX:MinRAM") || a.startsWith("-javaagent") || a.startsWith("-agent") || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-XX:AOTCache") || a.startsWith("-XX:SharedArchiveFile") || a.equals("-XX:+AutoCreateSharedArchive")
                    || a.contains("OutOfMemoryError")) {
                continue;
            }
            keep.add(a);
        }
        // properties set inside this JVM (by a test runner, an embedding application) rather than on its command line
        for (String p : System.getProperties().stringPropertyNames()) {
            if ((p.startsWith("polyglot.") || p.startsWith("jdissect.")) && keep.stream().noneMatch(a -> a.startsWith("-D" + p + "="))) {
                keep.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        // Truffle loads native code and (JDK 24+) reads through sun.misc.Unsafe: as the launcher says, without warnings
        if (keep.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) keep.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24 && keep.stream().noneMatch(a -> a.startsWith("--sun-misc-unsafe-memory-access"))) {
            keep.add("--sun-misc-unsafe-memory-access=allow");
        }
        return keep;
    }

    private static List<String> settings(Settings s) {
        List<String> a = new ArrayList<>();
        s.prefs().forEach((k, v) -> a.add("pref:" + k + "=" + v));
        s.decodeAs().forEach((port, d) -> a.add("decode:" + port + "=" + d));
        s.disabled().forEach(d -> a.add("disable:" + d));
        return a;
    }

    /** The inverse of {@link #settings}. */
    static Settings settings(List<String> encoded) {
        Settings s = Settings.DEFAULTS;
        for (String e : encoded) {
            int colon = e.indexOf(':'), eq = e.indexOf('=');
            String kind = e.substring(0, colon);
            switch (kind) {
                case "pref" -> s = s.withPref(e.substring(colon + 1, eq), Long.parseLong(e.substring(eq + 1)));
                case "decode" -> s = s.withDecodeAs(Integer.parseInt(e.substring(colon + 1, eq)), e.substring(eq + 1));
                case "disable" -> s = s.without(e.substring(colon + 1));
                default -> throw new IllegalArgumentException("unknown setting " + e);
            }
        }
        return s;
    }

    /** UTF-8 text of one kind of frame: a character a frame cuts in two is completed by the next. */
    private static final class Text {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private byte[] carry = new byte[0];

        String decode(byte[] payload) {
            ByteBuffer in = ByteBuffer.allocate(carry.length + payload.length).put(carry).put(payload).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining());
            decoder.decode(in, out, false);
            carry = new byte[in.remaining()];
            in.get(carry);
            return out.flip().toString();
        }

        /** What is left at the capture's end (a cut character, replaced). */
        String end() {
            ByteBuffer in = ByteBuffer.wrap(carry);
            CharBuffer out = CharBuffer.allocate(carry.length + 2);
            decoder.decode(in, out, true);
            decoder.flush(out);
            decoder.reset();
            carry = new byte[0];
            return out.flip().toString();
        }
    }

    private static int fail(PrintWriter err, String line) {
        err.println("jdissect: " + line);
        err.flush();
        return 1;
    }
}
