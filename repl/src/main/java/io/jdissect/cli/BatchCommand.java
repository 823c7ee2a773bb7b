package io.jdissect.cli;

import io.jdissect.api.Settings;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.scripts.ScriptLimits;
import io.jdissect.scripts.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jdissect batch FILE SCRIPT.js [ARGS]}: runs a sandboxed JavaScript file against a capture. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run a JavaScript file against a capture, sandboxed (no files, network, processes or Java classes).",
                "The script sees capture.query(q), capture.each(q, fn), capture.follow(stream, dir), out.println(...), print(...) and args.",
                "Limits: --pref scripts.max_statements=N, scripts.timeout_ms=MS, scripts.max_output=BYTES. Put -- before script arguments that start with '-'."})
public final class BatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng, gzip-compressed).")
    Path file;

    @Parameters(index = "1", paramLabel = "SCRIPT", description = "The JavaScript file.")
    Path script;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "Arguments, in the script's args array.")
    List<String> args = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        Settings settings = common.settings(spec.commandLine());
        Capture cap = Jdissect.open(file, settings);
        // a capture that cannot be opened is one error line before any script runs
        try {
            cap.checkReadable();
        } catch (IOException e) {
            spec.commandLine().getErr().println("jdissect: " + e.getMessage());
            return 1;
        }
        return new ScriptRunner(ScriptLimits.from(settings), spec.commandLine().getOut(), spec.commandLine().getErr()).run(script, args, cap);
    }
}
