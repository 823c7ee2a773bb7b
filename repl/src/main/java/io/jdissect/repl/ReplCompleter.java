package io.jdissect.repl;

import io.jdissect.field.FieldDef;
import io.jdissect.repl.session.Session;
import io.jdissect.repl.session.ShowPrefs;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.SystemCompleter;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

import java.util.List;
import java.util.Set;

/**
 * Completes by context: the first word from the commands and sources; after {@code where}, a logical operator or a
 * stage that takes fields, the fields of the line's source only; after a comparison, the values the field has in
 * the capture; after {@code set}, the settings with their values; after {@code open}/{@code load}/{@code export}, file paths;
 * after {@code follow}, the conversations; other command words from the command's picocli declaration
 * (picocli-shell-jline3, so options are declared once).
 */
final class ReplCompleter implements Completer {
    private static final List<String> KEYWORDS = List.of("where", "and", "or", "not", "contains", "matches", "in", "count", "by", "limit",
            "fields", "sort", "desc", "distinct", "top", "sum", "avg", "min", "max");
    private static final Set<String> BEFORE_FIELD = Set.of("where", "and", "or", "not", "&&", "||", "!", "(", "by", "fields", "sort", "distinct",
            "|", ",");
    private static final Set<String> COMPARISONS = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "contains", "matches", "~");
    private final Session session;
    private final CommandLine commands;
    private final SystemCompleter commandWords;
    private final CompletionValues values;
    private final Completer files = new Completers.FileNameCompleter();

    ReplCompleter(Session session, CommandLine commands) {
        this.session = session;
        this.commands = commands;
        this.values = new CompletionValues(session);
        this.commandWords = new PicocliCommands(commands).compileCompleters();
        this.commandWords.compile();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        var sources = session.capture().dissectors().sources();
        List<String> words = line.words();
        int at = line.wordIndex();
        if (at == 0) {
            for (String s : sources.keySet()) candidates.add(new Candidate(s, s, "sources", sources.get(s).description(), null, null, true));
            for (var e : commands.getSubcommands().entrySet()) {
                String[] d = e.getValue().getCommandSpec().usageMessage().description();
                candidates.add(new Candidate(e.getKey(), e.getKey(), "commands", d.length == 0 ? null : d[0], null, null, true));
            }
            return;
        }
        String first = words.get(0);
        String previous = words.get(at - 1);
        switch (first) {
            case "set" -> { settings(at, previous, candidates); return; }
            case "open", "load" -> { files.complete(reader, line, candidates); return; }
            case "export" -> {
                if (at == 2) { files.complete(reader, line, candidates); return; }
                if (at > 2) { query(words.subList(3, words.size()), at - 3, rawWord(line), candidates); return; }
            }
            case "follow" -> {
                if (!line.word().startsWith("-")) {
                    candidates.addAll(values.streams());
                    for (String w : List.of("c2s", "s2c", "hex", "chat")) candidates.add(new Candidate(w, w, "options", null, null, null, true));
                    return;
                }
            }
            case "query", "watch" -> { query(words.subList(1, words.size()), at - 1, rawWord(line), candidates); return; }
            default -> {
                if (sources.containsKey(first) || !commands.getSubcommands().containsKey(first)) {
                    query(words, at, rawWord(line), candidates);
                    return;
                }
            }
        }
        commandWords.complete(reader, line, candidates);
    }

    /** The current word as typed, quotes and all (the parser's word has them removed). */
    private static String rawWord(ParsedLine line) {
        String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
        return before.substring(before.lastIndexOf(' ') + 1);
    }

    /** The words of a query (the first its source, or a display filter's first field), the cursor in word {@code at}. */
    private void query(List<String> words, int at, String word, List<Candidate> candidates) {
        if (words.isEmpty() || at <= 0) {
            for (var s : session.capture().dissectors().sources().values()) candidates.add(new Candidate(s.name(), s.name(), "sources", s.description(), null, null, true));
            return;
        }
        String source = session.capture().dissectors().sources().containsKey(words.get(0)) ? words.get(0) : "packets";
        String previous = words.get(at - 1);
        if (COMPARISONS.contains(previous) && at >= 2) {
            FieldDef<?> f = session.capture().dissectors().fields().find(words.get(at - 2));
            if (f != null) {
                for (Candidate c : values.values(source, f)) {
                    // in a word already opened with a quote JLine matches and closes it: offer the string itself
                    String v = c.value();
                    if (word.startsWith("\"") && v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
                        c = new Candidate(v.substring(1, v.length() - 1), c.displ(), c.group(), c.descr(), null, null, true);
                    }
                    candidates.add(c);
                }
                return;
            }
        }
        boolean fieldNext = BEFORE_FIELD.contains(previous) || previous.endsWith(",") || previous.endsWith("(");
        if (!fieldNext) for (String k : KEYWORDS) candidates.add(new Candidate(k, k, "keywords", null, null, null, true));
        for (FieldDef<?> f : values.fields(source)) {
            String id = f.family() ? f.id() + "." : f.id();
            candidates.add(new Candidate(id, id, "fields of " + source, f.description(), null, null, !f.family()));
        }
    }

    private void settings(int at, String previous, List<Candidate> candidates) {
        var prefs = session.capture().dissectors().prefs();
        if (at == 1) {
            for (String n : ShowPrefs.NAMES.keySet()) candidates.add(new Candidate(n, n, "REPL", "now " + session.prefs().value(n), null, null, true));
            prefs.forEach((id, def) -> candidates.add(new Candidate(id, id, "limits and preferences",
                    "now " + session.settings().pref(id, def.defaultValue()) + ": " + def.description(), null, null, true)));
            return;
        }
        if (at == 2) {
            if (ShowPrefs.NAMES.containsKey(previous)) {
                for (String v : ShowPrefs.NAMES.get(previous)) candidates.add(new Candidate(v, v, previous, null, null, null, true));
            } else if (prefs.containsKey(previous)) {
                var def = prefs.get(previous);
                String now = Long.toString(session.settings().pref(previous, def.defaultValue()));
                candidates.add(new Candidate(now, now, previous, "current value", null, null, true));
                String d = Long.toString(def.defaultValue());
                if (!d.equals(now)) candidates.add(new Candidate(d, d, previous, "default", null, null, true));
            }
        }
    }
}
