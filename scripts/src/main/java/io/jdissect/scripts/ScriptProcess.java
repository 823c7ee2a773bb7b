package io.jdissect.scripts;

import io.jdissect.api.Capture;
import io.jdissect.api.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A batch script run in a child JVM with its own heap ({@code -Xmx}, scripts.heap_mb). GraalVM community edition
 * has no per-context heap limit (sandbox.MaxHeapMemory is Enterprise only), and a script that fills a shared heap
 * takes the whole JVM with it; in a child it can only fill its own, which then exits (-XX:+ExitOnOutOfMemoryError)
 * and is reported as out of memory. The child gets this JVM's options (the Graal JIT's JVMCI flags among them, so
 * JavaScript is compiled there too), opens the capture again with the same settings, and runs {@link ScriptWorker};
 * its output streams through pipes into {@code out} and {@code err}. A SIGTERM or Ctrl-C of this JVM kills it.
 */
final class ScriptProcess {
    /** What the JVM prints when -XX:+ExitOnOutOfMemoryError ends it, and the status it exits with. */
    private static final String JVM_OOM = "Terminating due to java.lang.OutOfMemoryError";
    private static final int JVM_OOM_STATUS = 3;
    /** Time beyond the script's own timeout before the child is killed: start-up, capture opening. */
    private static final long GRACE_MILLIS = 30_000;

    private ScriptProcess() { }

    /** The child's exit status, and the records it wrote with {@code out.jsonl} and {@code out.csv}. */
    record Result(int status, long records) { }

    /**
     * Runs {@code script} in a child JVM: its standard output and error stream into {@code out} and {@code err};
     * its {@code out.jsonl}/{@code out.csv} records into {@code jsonl}/{@code csv} when given (else into {@code out}),
     * through files the child writes and this JVM copies once it ends (the same writer for both: one file).
     */
    static Result run(ScriptLimits limits, Path script, List<String> args, Capture capture, PrintWriter out, PrintWriter err,
                      PrintWriter jsonl, PrintWriter csv) {
        List<Path> spools = new ArrayList<>();
        try {
            Path records = spool(spools, "records");
            Path jsonlFile = jsonl == null ? null : spool(spools, "jsonl");
            Path csvFile = csv == null ? null : csv == jsonl ? jsonlFile : spool(spools, "csv");
            List<String> outputs = new ArrayList<>();
            outputs.add("out:records=" + records);
            if (jsonlFile != null) outputs.add("out:jsonl=" + jsonlFile);
            if (csvFile != null) outputs.add("out:csv=" + csvFile);
            int status = run(limits, script, args, capture, out, err, outputs);
            if (jsonlFile != null) copy(jsonlFile, jsonl);
            if (csvFile != null && csvFile != jsonlFile) copy(csvFile, csv);
            String n = Files.size(records) == 0 ? "0" : Files.readString(records).trim();
            return new Result(status, Long.parseLong(n));
        } catch (IOException | NumberFormatException e) {
            return new Result(fail(err, script + ": cannot pass the script's records back from its JVM: " + e.getMessage()), 0);
        } finally {
            for (Path p : spools) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is the system's to clean
                }
            }
        }
    }

    private static Path spool(List<Path> spools, String kind) throws IOException {
        Path p = Files.createTempFile("jdissect-script-", "." + kind);
        spools.add(p);
        return p;
    }

    private static void copy(Path from, PrintWriter to) throws IOException {
        try (Reader r = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            r.transferTo(to);
        }
        to.flush();
    }

    private static int run(ScriptLimits limits, Path script, List<String> args, Capture capture, PrintWriter out, PrintWriter err,
                           List<String> outputs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions());
        cmd.add("-Xmx" + limits.heapMegabytes() + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // a full heap is reported once collections take half the time and free less than a fifth of it, not only
        // at 98% and 2% (the defaults), after minutes of thrashing (Parallel GC, the launcher's)
        cmd.add("-XX:GCTimeLimit=50");
        cmd.add("-XX:GCHeapFreeLimit=20");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScriptWorker.class.getName());
        cmd.addAll(limits.asArguments());
        cmd.add(script.toString());
        cmd.add(capture.path().toString());
        cmd.addAll(settings(capture.settings()));
        cmd.addAll(outputs);
        cmd.add("--");
        cmd.addAll(args);
        Process child;
        try {
            child = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return fail(err, "cannot start the JVM for " + script + ": " + e.getMessage());
        }
        Thread killer = new Thread(child::destroyForcibly, "jdissect-script-kill");
        Runtime.getRuntime().addShutdownHook(killer);
        StringBuilder tail = new StringBuilder();
        Thread o = pump(child.getInputStream(), out, tail);   // the JVM prints its out-of-memory line on standard output
        Thread e = pump(child.getErrorStream(), err, tail);
        try {
            try {
                child.getOutputStream().close();   // the script reads no input
            } catch (IOException ignored) {
                // the child is already gone; its status says how
            }
            if (!child.waitFor(limits.timeoutMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                o.join();
                e.join();
                return fail(err, script + ": timed out after " + limits.timeoutMillis() + " ms (raise it with --pref " + ScriptLimits.TIMEOUT + "=MS)");
            }
            o.join();
            e.join();
        } catch (InterruptedException ex) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            return fail(err, script + ": interrupted");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the child is being killed
            }
        }
        int status = child.exitValue();
        boolean oom;
        synchronized (tail) {
            oom = tail.indexOf(JVM_OOM) >= 0;
        }
        if (status == JVM_OOM_STATUS && oom) {
            return fail(err, script + ": out of memory: the script's heap of " + limits.heapMegabytes() + " MB is full (raise it with --pref "
                    + ScriptLimits.HEAP + "=MB)");
        }
        return status;
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

    /** Copies a child's stream into {@code to} as it comes; the JVM's out-of-memory line is kept in {@code jvmLines}, not copied. */
    private static Thread pump(InputStream from, PrintWriter to, StringBuilder jvmLines) {
        return Thread.ofPlatform().daemon().name("jdissect-script-pipe").start(() -> {
            try (Reader r = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = r.read()) >= 0) {
                    line.append((char) c);
                    if (c == '\n') {
                        emit(line, to, jvmLines);
                        if (!r.ready()) to.flush();
                    }
                }
                emit(line, to, jvmLines);
                to.flush();
            } catch (IOException ignored) {
                // the child is gone; its status says how
            }
        });
    }

    private static void emit(StringBuilder line, PrintWriter to, StringBuilder jvmLines) {
        if (line.isEmpty()) return;
        if (line.indexOf(JVM_OOM) >= 0) {
            synchronized (jvmLines) {
                jvmLines.append(line);
            }
        } else {
            to.append(line);
        }
        line.setLength(0);
    }

    private static int fail(PrintWriter err, String line) {
        err.println("jdissect: " + line);
        err.flush();
        return 1;
    }
}
