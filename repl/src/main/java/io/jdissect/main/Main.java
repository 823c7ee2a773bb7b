package io.jdissect.main;

import io.jdissect.cli.BatchCommand;
import io.jdissect.cli.CommonOptions;
import io.jdissect.cli.FieldsCommand;
import io.jdissect.cli.FollowCommand;
import io.jdissect.cli.InterfacesCommand;
import io.jdissect.cli.jshell.JshellCommand;
import io.jdissect.cli.LiveCommand;
import io.jdissect.cli.QueryCommand;
import io.jdissect.cli.ReportCommand;
import io.jdissect.cli.ShowCommand;
import io.jdissect.cli.StatsCommand;
import io.jdissect.repl.Repl;
import io.jdissect.repl.SampleCapture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The {@code jdissect} command: its subcommands ({@link io.jdissect.cli}) are for scripts and one-shot use, and
 * {@code jdissect [FILE]} with none opens the REPL ({@link io.jdissect.repl}), which may use them in turn.
 */
@Command(name = "jdissect", mixinStandardHelpOptions = true, version = "jdissect 0.1.0",
        description = "Dissect captures: flows, HTTP, WebSocket (unmasked, reassembled) and chat messages, with queries.",
        subcommands = {QueryCommand.class, StatsCommand.class, ShowCommand.class, FollowCommand.class, ReportCommand.class, FieldsCommand.class, LiveCommand.class, InterfacesCommand.class, BatchCommand.class, JshellCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Capture to open in the REPL (default: the bundled sample chat capture).")
    Path file;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Path f = file != null ? file : SampleCapture.path();
        return new Repl(f, common.settings(spec.commandLine()), spec.commandLine()).run();
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a broken plugin (a JavaScript dissector with a bad field, ...) is the user's to fix: one line, not a trace
            if (!(e instanceof IllegalStateException)) throw e;
            cmd.getErr().println("jdissect: " + e.getMessage());
            return 1;
        });
        // -V on a subcommand prints the program's version (picocli would print the subcommand's own: none)
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0) sub.getCommandSpec().version(cl.getCommandSpec().version());
        }
        return cl;
    }

    /** Exit status of a run that otherwise succeeded but lost rows: a JavaScript dissector failed on some flow. */
    public static final int ROWS_LOST = io.jdissect.scripts.ScriptWarnings.ROWS_LOST_STATUS;

    public static void main(String[] args) {
        int status = commandLine().execute(args);
        // each failure was one warning line on standard error; the status says the output is incomplete
        if (status == 0 && io.jdissect.scripts.ScriptWarnings.rowsLost()) status = ROWS_LOST;
        System.exit(status);
    }
}
