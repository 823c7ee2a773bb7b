package io.jdissect.repl;

import io.jdissect.field.FieldDef;
import io.jdissect.repl.session.Session;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.SystemCompleter;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

import java.util.List;

/**
 * Completes by context: the first word from the commands and sources; a command's words from its picocli
 * declaration (picocli-shell-jline3, so options and help are declared once); a query's from the query language.
 */
final class ReplCompleter implements Completer {
    private static final List<String> KEYWORDS = List.of("where", "and", "or", "not", "contains", "matches", "count", "by", "limit", "fields", "sort", "desc");
    private final Session session;
    private final CommandLine commands;
    private final SystemCompleter commandWords;

    ReplCompleter(Session session, CommandLine commands) {
        this.session = session;
        this.commands = commands;
        this.commandWords = new PicocliCommands(commands).compileCompleters();
        this.commandWords.compile();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        var sources = session.capture().dissectors().sources();
        if (line.wordIndex() == 0) {
            for (String s : sources.keySet()) candidates.add(new Candidate(s, s, "sources", sources.get(s).description(), null, null, true));
            for (var e : commands.getSubcommands().entrySet()) {
                String[] d = e.getValue().getCommandSpec().usageMessage().description();
                candidates.add(new Candidate(e.getKey(), e.getKey(), "commands", d.length == 0 ? null : d[0], null, null, true));
            }
            return;
        }
        String first = line.words().get(0);
        if (commands.getSubcommands().containsKey(first) && !first.equals("query")) {
            commandWords.complete(reader, line, candidates);
            return;
        }
        for (String k : KEYWORDS) candidates.add(new Candidate(k, k, "keywords", null, null, null, true));
        for (FieldDef<?> f : session.capture().dissectors().fields().all()) {
            String id = f.family() ? f.id() + "." : f.id();
            candidates.add(new Candidate(id, id, "fields", f.description(), null, null, !f.family()));
        }
    }
}
