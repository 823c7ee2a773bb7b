package io.jdissect.scripts;

import io.jdissect.api.Jdissect;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The child JVM's side of {@link ScriptProcess}: {@code LIMITS... SCRIPT CAPTURE SETTINGS... [out:KIND=PATH...] -- ARGS...};
 * runs the script in this JVM, writes its jsonl/csv records and their count to the files named, and exits with its status.
 */
public final class ScriptWorker {
    private ScriptWorker() { }

    public static void main(String[] argv) throws IOException {
        List<String> a = Arrays.asList(argv);
        int n = ScriptLimits.DEFAULTS.asArguments().size();
        ScriptLimits limits = ScriptLimits.fromArguments(a.subList(0, n)).withHeap(0);
        Path script = Path.of(a.get(n));
        Path capture = Path.of(a.get(n + 1));
        int dashes = a.indexOf("--");
        List<String> rest = a.subList(n + 2, dashes);
        // out:KIND=PATH entries name where records go (the parent copies them); the others are the analysis settings
        Map<String, String> outputs = new HashMap<>();
        rest.stream().filter(e -> e.startsWith("out:")).forEach(e -> outputs.put(e.substring(4, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        var settings = ScriptProcess.settings(rest.stream().filter(e -> !e.startsWith("out:")).toList());
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        PrintWriter jsonl = outputs.containsKey("jsonl") ? file(outputs.get("jsonl")) : out;
        PrintWriter csv = !outputs.containsKey("csv") ? out : outputs.get("csv").equals(outputs.get("jsonl")) ? jsonl : file(outputs.get("csv"));
        ScriptRunner runner = new ScriptRunner(limits, out, err, jsonl, csv);
        int status = runner.runHere(script, a.subList(dashes + 1, a.size()), Jdissect.open(capture, settings));
        out.flush();
        err.flush();
        jsonl.close();
        csv.close();
        if (outputs.containsKey("records")) Files.writeString(Path.of(outputs.get("records")), Long.toString(runner.records()));
        // a JavaScript dissector in this JVM failed on some flow: the parent's status must say so too
        System.exit(status == 0 && ScriptWarnings.rowsLost() ? ScriptWarnings.ROWS_LOST_STATUS : status);
    }

    private static PrintWriter file(String path) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8));
    }
}
