package io.jdissect.repl;

import io.jdissect.api.Dissectors;
import io.jdissect.field.FieldDef;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.List;

/** Completes commands and sources as the first word, then keywords and field ids from the dissectors. */
final class ReplCompleter implements Completer {
    private static final List<String> KEYWORDS = List.of("where", "and", "or", "not", "contains", "matches", "count", "by", "limit", "fields", "sort", "desc");
    private final Dissectors dissectors;

    ReplCompleter(Dissectors dissectors) { this.dissectors = dissectors; }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String s : dissectors.sources().keySet()) candidates.add(new Candidate(s, s, "sources", dissectors.sources().get(s).description(), null, null, true));
            for (String c : ReplCommands.NAMES) candidates.add(new Candidate(c, c, "commands", null, null, null, true));
            return;
        }
        for (String k : KEYWORDS) candidates.add(new Candidate(k, k, "keywords", null, null, null, true));
        for (FieldDef f : dissectors.fields().all()) {
            String id = f.family() ? f.id() + "." : f.id();
            candidates.add(new Candidate(id, id, "fields", f.description(), null, null, !f.family()));
        }
    }
}
