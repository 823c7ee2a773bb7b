package io.jdissect.cli;

import io.jdissect.api.Jdissect;
import io.jdissect.api.Settings;
import io.jdissect.cli.batch.BatchInputs;
import io.jdissect.cli.batch.BatchRun;
import io.jdissect.cli.batch.InputResult;
import io.jdissect.cli.batch.Manifest;
import io.jdissect.cli.batch.RunSettings;
import io.jdissect.cli.batch.Sha256;
import io.jdissect.scripts.ScriptLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code jdissect batch SCRIPT.js CAPTURE|DIR|GLOB...}: runs a sandboxed JavaScript file over each capture, each job's captures in one child JVM kept from capture to capture. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run a JavaScript file over captures, sandboxed (no files, network, processes or Java classes), several at once.",
                "The script sees capture.query(q), capture.each(q, fn), capture.follow(stream, dir), out.println(...), out.jsonl(obj), out.csv(obj), print(...) and args.",
                "A capture that fails (script error, timeout, damaged file) is reported and the others go on; exit status 1 when one failed.",
                "Limits: --pref scripts.max_statements=N, scripts.timeout_ms=MS (each per capture), scripts.max_output=BYTES."})
public final class BatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The JavaScript file.")
    Path script;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CAPTURE",
            description = "Capture files (pcap, pcapng, gzip/zstd-compressed), folders (every *.pcap, *.pcapng, *.cap below) or quoted globs ('caps/**/*.pcap').")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--arg", paramLabel = "VALUE", description = "An argument for the script's args array. Repeatable.")
    List<String> args = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Captures run at once (default: one per core).")
    Integer jobs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each capture's outputs to DIR/outputs/NAME/ (out.txt, out.jsonl, out.csv) and DIR/manifest.json, instead of standard output.")
    Path outDir;

    @Option(names = "--resume", description = "Skip the captures --out's manifest already holds with the same content hash, script, arguments and settings (failed ones run again).")
    boolean resume;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!script.toString().endsWith(".js") && inputs.stream().anyMatch(i -> i.endsWith(".js"))) {
            throw new ParameterException(spec.commandLine(), "batch takes the script first: jdissect batch SCRIPT.js CAPTURE...");
        }
        if (resume && outDir == null) throw new ParameterException(spec.commandLine(), "--resume needs --out DIR (where the manifest of the earlier run is)");
        int cores = Runtime.getRuntime().availableProcessors();
        int n = jobs == null ? cores : jobs;
        if (n < 1) throw new ParameterException(spec.commandLine(), "--jobs takes a number of at least 1; got " + n);
        List<Path> files;
        try {
            // relative to the caller's folder, not the JVM's: through the engine they differ
            files = BatchInputs.expand(inputs.stream().map(a -> Invocation.path(a).toString()).toList());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        byte[] code;
        try {
            code = Files.readAllBytes(script);
        } catch (IOException e) {
            spec.commandLine().getErr().println("jdissect: cannot read script " + script + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return 1;
        }
        Settings settings = common.settings(spec.commandLine());
        // captures run side by side share the cores: unless told, each analyses on its share of them
        if (common.threads == null && n > 1) settings = settings.withThreads(Math.max(1, cores / Math.min(n, files.size())));
        Manifest previous = null;
        if (resume) {
            try {
                previous = Manifest.read(outDir);
            } catch (IOException e) {
                spec.commandLine().getErr().println("jdissect: " + e.getMessage());
                return 1;
            }
        }
        BatchRun run = new BatchRun(script, args, runSettings(settings, code), settings, ScriptLimits.from(settings), outDir,
                previous, n, spec.commandLine().getOut(), spec.commandLine().getErr());
        List<InputResult> results = run.run(files);
        spec.commandLine().getOut().flush();
        long failed = results.stream().filter(r -> r.status().equals(InputResult.FAILED)).count();
        long damaged = results.stream().filter(r -> r.status().equals(InputResult.DAMAGED)).count();
        if (files.size() > 1 && (failed > 0 || damaged > 0)) {
            spec.commandLine().getErr().println("jdissect: batch: " + failed + " of " + files.size() + " captures failed, " + damaged + " damaged"
                    + (outDir != null ? " (see " + outDir.resolve("manifest.json") + ")" : ""));
        }
        return failed > 0 ? 1 : 0;
    }

    private RunSettings runSettings(Settings settings, byte[] code) {
        Map<String, Long> prefs = new TreeMap<>(settings.prefs());
        prefs.keySet().removeAll(Settings.DEFAULTS.withThreads(1).prefs().keySet());   // the thread count's id
        List<String> dissectors = Jdissect.dissectors(settings).all().stream().map(d -> d.id()).sorted().toList();
        String version = spec.root().version().length > 0 ? spec.root().version()[0] : "jdissect";
        return new RunSettings(version, script.toString(), Sha256.of(code), args, dissectors, prefs, new TreeMap<>(settings.decodeAs()));
    }
}
