package io.jdissect.repl;

import io.jdissect.api.Settings;
import io.jdissect.cli.ProgressLine;
import io.jdissect.repl.session.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The interactive loop: JLine line editing, history, completion and error highlighting; each line runs through
 * {@link ReplLine} (the command line's picocli commands, the session's own, or a query). Ctrl-C stops the command
 * that runs and keeps the session; Ctrl-D leaves.
 */
public final class Repl {
    private final Path file;
    private final Settings config;
    private final CommandLine cli;
    private final PrintWriter err;

    /** @param cli the command line's commands, which the REPL runs too (on the loaded capture) */
    public Repl(Path file, Settings config, CommandLine cli) {
        this.file = file;
        this.config = config;
        this.cli = cli;
        this.err = cli.getErr();
    }

    /** Runs on the system terminal. */
    public int run() throws IOException {
        return run(TerminalBuilder.builder().name("jdissect").system(true).dumb(true).build());
    }

    private int run(Terminal term) throws IOException {
        try (Terminal terminal = term) {
            PrintWriter out = terminal.writer();
            Session session = new Session(file, config, terminal::getWidth);
            ProgressLine progress = new ProgressLine(out, terminal::getWidth, session::cancelled);
            boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            if (!dumb) session.progress(progress);   // input from a pipe or a file: no status line in the output
            ReplLine lines = new ReplLine(session, cli, terminal, progress);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("jdissect")
                    .parser(new ReplParser())
                    .completer(new ReplCompleter(session, lines.commands()))
                    .highlighter(new QueryHighlighter(session))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".jdissect_history"))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            session.history(reader.getHistory());
            out.println("jdissect 0.1.0 — help lists commands; TAB completes; Ctrl-C stops a query");
            lines.run("info");
            if (!session.capture().large() && session.capture().error() != null && session.capture().packets().size() == 0) {
                // nothing readable at all: say so and leave with an error status, as the one-shot commands do
                err.println("jdissect: " + session.capture().error().getMessage());
                err.flush();
                return 1;
            }
            // Ctrl-C while a command runs (the line reader handles it while it reads): stop the command, keep the session
            terminal.handle(Terminal.Signal.INT, s -> session.cancel());
            int interrupts = 0;
            while (!session.leaving()) {
                String line;
                try {
                    line = reader.readLine("jdissect> ");
                    interrupts = 0;
                } catch (UserInterruptException e) {
                    if (e.getPartialLine().isEmpty() && ++interrupts >= 2) {
                        out.println("(to leave, type quit or press Ctrl-D)");
                        out.flush();
                    }
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                lines.run(line);
            }
            session.close();
            return 0;
        }
    }
}
