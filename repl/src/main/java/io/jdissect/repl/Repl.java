package io.jdissect.repl;

import io.jdissect.api.Settings;
import io.jdissect.api.Jdissect;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The interactive loop: JLine line editing, history, completion and error highlighting over {@link ReplCommands}. */
public final class Repl {
    private final Path file;
    private final Settings config;
    private final PrintWriter err;

    public Repl(Path file, Settings config, PrintWriter out, PrintWriter err) {
        this.file = file;
        this.config = config;
        this.err = err;
    }

    /** Runs on the system terminal. */
    public int run() throws IOException {
        return run(TerminalBuilder.builder().name("jdissect").system(true).dumb(true).build());
    }

    private int run(Terminal term) throws IOException {
        try (Terminal terminal = term) {
            PrintWriter out = terminal.writer();
            ReplCommands commands = new ReplCommands(file, config, out);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("jdissect")
                    .completer(new ReplCompleter(Jdissect.dissectors(config)))
                    .highlighter(new QueryHighlighter(Jdissect.dissectors(config)))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".jdissect_history"))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            out.println("jdissect 0.1.0 — type help, TAB completes sources, commands and fields");
            commands.info();
            // (a large capture keeps no rows to ask: info has printed any damage)
            if (!commands.capture().large() && commands.capture().error() != null && commands.capture().packets().size() == 0) {
                // nothing readable at all: say so and leave with an error status, as the one-shot commands do
                err.println("jdissect: " + commands.capture().error().getMessage());
                err.flush();
                return 1;
            }
            while (true) {
                String line;
                try {
                    line = reader.readLine("jdissect> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                try {
                    if (!commands.run(line)) break;
                } catch (RuntimeException e) {
                    out.println("error: " + e);
                    out.flush();
                }
            }
            return 0;
        }
    }
}
