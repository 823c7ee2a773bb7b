package io.jdissect.cli.batch;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.PacketCount;
import io.jdissect.api.Settings;
import io.jdissect.scripts.ScriptLimits;
import io.jdissect.scripts.ScriptRunner;
import io.jdissect.scripts.ScriptWorkers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one script over many captures, {@code jobs} at a time, each job's scripts in a child JVM kept from capture to
 * capture ({@link ScriptWorkers}; in this JVM with scripts.heap_mb=0). Each capture gets its own script context,
 * outputs and error lines; whatever one does (throws, times out, meets a damaged file, runs out of memory) ends only
 * that capture's run (and the child JVM it filled, replaced for the next), which the manifest then records.
 */
public final class BatchRun {
    /** The outputs of one input: println text, out.jsonl and out.csv records. */
    static final String TEXT = "out.txt", JSONL = "out.jsonl", CSV = "out.csv";

    private final Path script;
    private final List<String> args;
    private final RunSettings run;
    private final Settings settings;
    private final ScriptLimits limits;
    private final Path outDir;
    private final Manifest previous;
    private final int jobs;
    private final PrintWriter out;
    private final PrintWriter err;
    private InputResult[] results;
    /** The child JVMs the captures' scripts run in, one per job, kept from capture to capture. */
    private ScriptWorkers workers;
    private String started;

    /**
     * @param outDir  where outputs and manifest.json go, or null for standard output (and no manifest)
     * @param previous the manifest of the run to resume, or null to run every input
     */
    public BatchRun(Path script, List<String> args, RunSettings run, Settings settings, ScriptLimits limits,
                    Path outDir, Manifest previous, int jobs, PrintWriter out, PrintWriter err) {
        this.script = script;
        this.args = List.copyOf(args);
        this.run = run;
        this.settings = settings;
        this.limits = limits;
        this.outDir = outDir;
        this.previous = previous != null && run.sameResults(previous.run()) ? previous : null;
        this.jobs = jobs;
        this.out = out;
        this.err = err;
    }

    /** Runs every input; returns them as the manifest records them, in input order. */
    public List<InputResult> run(List<Path> inputs) throws IOException, InterruptedException {
        started = Instant.now().toString();
        results = new InputResult[inputs.size()];
        List<String> names = outputNames(inputs);
        if (outDir != null) Files.createDirectories(outDir);
        Map<String, InputResult> before = new HashMap<>();
        if (previous != null) for (InputResult r : previous.inputs()) before.put(r.path(), r);
        int slots = Math.max(1, Math.min(jobs, inputs.size()));
        workers = new ScriptWorkers(slots);
        ExecutorService pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "jdissect-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                int n = i;
                String prefix = inputs.size() > 1 ? inputs.get(i).getFileName().toString() : null;
                running.add(pool.submit(() -> done(n, one(inputs.get(n), names.get(n), prefix, before.get(inputs.get(n).toString())))));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("batch: " + e.getCause(), e.getCause());   // one() catches all; this is a bug
                }
            }
        } finally {
            pool.shutdownNow();
            workers.close();
        }
        if (outDir != null) manifest(Instant.now().toString()).write(outDir);
        return List.of(results);
    }

    private synchronized void done(int n, InputResult r) {
        results[n] = r;
        if (outDir == null) return;
        try {
            manifest(null).write(outDir);
        } catch (IOException e) {
            err.println("jdissect: cannot write " + outDir.resolve(Manifest.FILE) + ": " + e.getMessage());
        }
    }

    private synchronized Manifest manifest(String ended) {
        List<InputResult> all = new ArrayList<>();
        for (InputResult r : results) if (r != null) all.add(r);
        return new Manifest(run, started, ended, jobs, all);
    }

    private InputResult one(Path input, String name, String prefix, InputResult before) {
        long t0 = System.nanoTime();
        ErrorLines lines = new ErrorLines(err, prefix);
        PrintWriter errs = new PrintWriter(lines, true);
        String outputs = outDir == null ? null : "outputs/" + name;
        long size = -1, packets = 0;
        String sha = null;
        try {
            Capture cap = Jdissect.open(input, settings);
            try {
                cap.checkReadable();
                size = Files.size(input);
                sha = Sha256.of(input);
            } catch (IOException e) {
                errs.println("jdissect: " + e.getMessage());
                return result(input, size, sha, 0, 0, InputResult.FAILED, lines, t0, outputs);
            }
            if (before != null && sha.equals(before.sha256()) && size == before.size() && !InputResult.FAILED.equals(before.status())) {
                return before.asResumed();
            }
            PacketCount count = PacketCount.of(cap);
            packets = count.packets();
            Path dir = outDir == null ? null : outDir.resolve(outputs);
            if (dir != null) {
                for (String f : List.of(TEXT, JSONL, CSV)) Files.deleteIfExists(dir.resolve(f));   // never a stale output beside new ones
            }
            try (PrintWriter text = dir == null ? null : new PrintWriter(new LazyFile(dir.resolve(TEXT)));
                 PrintWriter jsonl = dir == null ? null : new PrintWriter(new LazyFile(dir.resolve(JSONL)));
                 PrintWriter csv = dir == null ? null : new PrintWriter(new LazyFile(dir.resolve(CSV)))) {
                ScriptRunner runner = dir == null
                        ? new ScriptRunner(limits, workers, out, errs, out, out)
                        : new ScriptRunner(limits, workers, text, errs, jsonl, csv);
                int status = runner.run(script, args, cap);
                if (count.damage() != null && !lines.mentions(count.damage().getMessage())) {
                    errs.println("jdissect: warning: " + count.damage().getMessage());
                }
                String s = status != 0 ? InputResult.FAILED : count.damage() != null ? InputResult.DAMAGED : InputResult.OK;
                return result(input, size, sha, packets, runner.records(), s, lines, t0, outputs);
            }
        } catch (Throwable e) {   // an OutOfMemoryError or a bug ends this input only, and is said
            errs.println("jdissect: " + input + ": " + (e instanceof OutOfMemoryError ? "out of memory: " : "internal error: ") + e);
            return result(input, size, sha, packets, 0, InputResult.FAILED, lines, t0, outputs);
        }
    }

    private static InputResult result(Path input, long size, String sha, long packets, long rows, String status,
                                      ErrorLines lines, long t0, String outputs) {
        return new InputResult(input.toString(), size, sha, packets, rows, status, lines.kept(),
                (System.nanoTime() - t0) / 1_000_000, outputs, false);
    }

    /** Each input's output folder: its file name, with -2, -3 ... when two inputs share one. */
    private static List<String> outputNames(List<Path> inputs) {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Path p : inputs) {
            String base = p.getFileName().toString(), name = base;
            for (int k = 2; !used.add(name); k++) name = base + "-" + k;
            names.add(name);
        }
        return names;
    }
}
