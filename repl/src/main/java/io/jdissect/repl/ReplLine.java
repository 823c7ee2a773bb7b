package io.jdissect.repl;

import io.jdissect.query.QueryException;
import io.jdissect.query.Suggest;
import io.jdissect.repl.session.Session;
import io.jdissect.repl.session.SessionCommands;
import io.jdissect.repl.session.SessionFactory;
import io.jdissect.repl.session.ShowPrefs;
import org.jline.reader.History;
import org.jline.reader.impl.DefaultParser;
import io.jdissect.cli.ProgressLine;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * What one REPL line does. Its first word names a command (the command line's own, run on the loaded capture, or
 * a session command) or else the line is a query ({@code query} over the loaded capture; a bare display filter means
 * {@code packets where ...}). Nothing a line does ends the REPL or prints a stack trace.
 */
final class ReplLine {
    /** Commands whose last argument is a query, passed as typed (quotes and all) after this many words. */
    private static final Map<String, Integer> QUERY_AFTER = Map.of("query", 0, "export", 2, "watch", 0);

    private final Session session;
    private final CommandLine commands;
    private final Screen screen;
    private final PrintWriter out;

    ReplLine(Session session, CommandLine cli, Terminal terminal, ProgressLine progress) {
        this.session = session;
        this.screen = new Screen(terminal, progress);
        this.out = new PrintWriter(screen, true);
        SessionFactory factory = new SessionFactory(session);
        commands = new CommandLine(new SessionCommands(), factory);
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            if (SessionCommands.NOT_IN_REPL.contains(e.getKey()) || commands.getSubcommands().containsKey(e.getKey())) continue;
            if (!e.getKey().equals(e.getValue().getCommandSpec().name())) continue;   // an alias
            try {
                commands.addSubcommand(e.getKey(), new CommandLine(factory.create(e.getValue().getCommandSpec().userObject().getClass()), factory));
            } catch (Exception x) {
                throw new IllegalStateException("cannot make the REPL's " + e.getKey() + " command: " + x.getMessage(), x);
            }
        }
        commands.setCaseInsensitiveEnumValuesAllowed(true);
        commands.setOut(out);
        commands.setErr(out);
        commands.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            failed(ex);
            return 1;
        });
        commands.setParameterExceptionHandler((ex, args) -> {
            out.println("error: " + ex.getMessage() + " (" + ex.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
    }

    /** The REPL's command tree (for completion and help). */
    CommandLine commands() { return commands; }

    /** Runs one line as typed (possibly several lines joined by continuations). */
    void run(String typed) {
        String line = typed.replace("\\\n", " ").replace('\n', ' ').strip();
        if (line.isEmpty() || line.startsWith("#")) return;
        if (line.matches("!\\d{1,9}")) {
            line = fromHistory(Integer.parseInt(line.substring(1)));
            if (line == null) return;
        }
        ShowPrefs before = session.prefs();
        boolean vertical = line.endsWith("\\G");
        if (vertical) {   // this line's rows one field per line
            line = line.substring(0, line.length() - 2).strip();
            session.prefs(new ShowPrefs(before.displayRows(), before.format(), before.pager(), true));
        }
        session.resetCancel();
        screen.begin(session.prefs().pager() && !line.startsWith("watch"));   // a watch prints rows as they come
        try {
            session.refreshScripts(out);   // a loaded file changed since the last line: the line sees its new version
            dispatch(line);
        } catch (CancellationException e) {
            cancelled();
        } catch (QueryException e) {
            out.println(e.render());
        } catch (RuntimeException e) {
            failed(e);
        } finally {
            if (vertical) session.prefs(before);
            out.flush();
            screen.end();
        }
    }

    private void dispatch(String line) {
        String first = line.split("\\s+", 2)[0];
        String cmd = first.toLowerCase(Locale.ROOT);
        if (commands.getSubcommands().containsKey(cmd)) {
            commands.execute(arguments(cmd, line).toArray(String[]::new));
            if (session.cancelled()) cancelled();
            return;
        }
        var sources = session.capture().dissectors().sources();
        if (sources.containsKey(cmd)) {
            session.printQuery(line, null, out);
        } else if (looksLikeFilter(first)) {
            session.printQuery("packets where " + line, null, out);   // a bare display filter, as in Wireshark's filter bar
        } else {
            List<String> names = new ArrayList<>(commands.getSubcommands().keySet());
            names.addAll(sources.keySet());
            out.println("unknown command '" + first + "'" + Suggest.didYouMean(cmd, names)
                    + "; a query starts with a source (" + String.join(", ", sources.keySet())
                    + ") or is a display filter (tcp.port == 7272); type help");
        }
    }

    /** The words of a command line; a trailing query stays one word, exactly as typed. */
    private static List<String> arguments(String cmd, String line) {
        Integer before = QUERY_AFTER.get(cmd);
        String rest = line.substring(line.indexOf(line.split("\\s+", 2)[0]) + cmd.length()).strip();
        List<String> args = new ArrayList<>();
        args.add(cmd);
        if (before == null || rest.startsWith("-")) {
            args.addAll(new DefaultParser().parse(rest, rest.length(), org.jline.reader.Parser.ParseContext.COMPLETE).words());
            args.removeIf(String::isEmpty);
            return args;
        }
        for (int i = 0; i < before && !rest.isEmpty(); i++) {
            String[] w = rest.split("\\s+", 2);
            args.add(w[0]);
            rest = w.length > 1 ? w[1].strip() : "";
        }
        if (!rest.isEmpty()) args.add(rest);
        return args;
    }

    /** Whether a line that is no command starts like a display filter: a field, a protocol, "(" or "!". */
    private boolean looksLikeFilter(String first) {
        String f = first.toLowerCase(Locale.ROOT);
        if (f.startsWith("(") || f.startsWith("!")) return true;
        String head = f.split("[=!<>~\\[(]", 2)[0];
        var fields = session.capture().dissectors().fields();
        if (fields.find(head) != null) return true;
        String proto = head.split("\\.", 2)[0];
        return fields.all().stream().anyMatch(d -> d.protocol().equals(proto));
    }

    private String fromHistory(int n) {
        History h = session.history();
        // the history holds this "!N" line too; N counts as "history" shows it
        if (h == null || n < 1 || n - 1 < h.first() || n - 1 > h.last()) {
            out.println("error: no history line " + n + " (history lists them)");
            return null;
        }
        String line = h.get(n - 1);
        out.println(line);
        return line.strip();
    }

    private void cancelled() {
        out.println("cancelled; " + session.capture().path().getFileName() + " is still loaded");
    }

    /** One line for any failure: the message, never a stack trace. */
    private void failed(Throwable e) {
        if (e instanceof CancellationException) {
            cancelled();
        } else if (e instanceof QueryException q) {
            out.println(q.render());
        } else {
            Throwable t = e;
            while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
            out.println("error: " + (t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()));
        }
        out.flush();
    }
}
