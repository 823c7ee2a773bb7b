package io.jdissect.scripts;

import io.jdissect.api.Jdissect;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The child JVM's side of {@link ScriptProcess}: {@code LIMITS... SCRIPT CAPTURE SETTINGS... -- ARGS...}; runs the
 * script in this JVM and exits with its status.
 */
public final class ScriptWorker {
    private ScriptWorker() { }

    public static void main(String[] argv) {
        List<String> a = Arrays.asList(argv);
        int n = ScriptLimits.DEFAULTS.asArguments().size();
        ScriptLimits limits = ScriptLimits.fromArguments(a.subList(0, n)).withHeap(0);
        Path script = Path.of(a.get(n));
        Path capture = Path.of(a.get(n + 1));
        int dashes = a.indexOf("--");
        var settings = ScriptProcess.settings(a.subList(n + 2, dashes));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = new ScriptRunner(limits, out, err).runHere(script, a.subList(dashes + 1, a.size()), Jdissect.open(capture, settings));
        out.flush();
        err.flush();
        // a JavaScript dissector in this JVM failed on some flow: the parent's status must say so too
        System.exit(status == 0 && ScriptWarnings.rowsLost() ? ScriptWarnings.ROWS_LOST_STATUS : status);
    }
}
