package io.jdissect.repl.session;

import picocli.CommandLine.Command;

/**
 * The commands only a REPL session has (they change or show its state); the REPL adds the command line's own
 * commands beside them.
 */
@Command(name = "", description = "jdissect REPL",
        subcommands = {HelpTopics.class, OpenCommand.class, InfoCommand.class, SetCommand.class, DecodeCommand.class,
                ExportCommand.class, HexCommand.class, SourcesCommand.class, HistoryCommand.class, LiveCommands.class, WatchCommand.class, LoadCommand.class, ReloadCommand.class, QuitCommand.class})
public final class SessionCommands {
    /** Commands of the command line that have no meaning inside a REPL (or one of its own replaces). */
    public static final java.util.Set<String> NOT_IN_REPL = java.util.Set.of("help", "live", "jshell");
}
