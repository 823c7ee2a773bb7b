package io.jdissect.query;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each part of a query is, from the query's own lexer and the field registry, so a front end can colour it
 * as the user types (the REPL) without a second grammar that could drift from the parser. Text the lexer cannot
 * read (an unterminated string, a stray character) is left unclassified from there on; the parser's error says why.
 */
public final class QuerySyntax {
    private QuerySyntax() { }

    /** What a span of the query text is. */
    public enum Kind { SOURCE, KEYWORD, FIELD, VALUE, OPERATOR }

    /** The characters {@code [from, to)} of the query are a {@code kind}. */
    public record Span(Kind kind, int from, int to) { }

    // every word the parser takes as part of the language (stages, their options, the filter's words)
    private static final Set<String> WORDS = words();

    /** The spans of {@code text} in order; characters in no span (blanks, unknown words) are plain text. */
    public static List<Span> spans(String text, FieldRegistry fields, Map<String, Source> sources) {
        List<Span> out = new ArrayList<>();
        boolean sourcePlace = true;   // the query's first word, or the first after a pipe into another source
        for (Token t : lexable(text)) {
            Kind k = switch (t.kind()) {
                case STRING -> Kind.VALUE;
                case OP, PIPE -> Kind.OPERATOR;
                case WORD -> word(t.text(), sourcePlace, fields, sources);
                default -> null;
            };
            sourcePlace = false;
            if (k != null) out.add(new Span(k, t.pos(), t.end()));
        }
        return out;
    }

    private static Kind word(String w, boolean sourcePlace, FieldRegistry fields, Map<String, Source> sources) {
        if (sourcePlace && sources.containsKey(w)) return Kind.SOURCE;
        if (WORDS.contains(w.toLowerCase(java.util.Locale.ROOT))) return Kind.KEYWORD;
        // what the parser takes for a field or a protocol test, by the same lookups
        if (Schema.field(fields, w) != null || Schema.declaredProtocol(fields, w.toLowerCase(java.util.Locale.ROOT))) return Kind.FIELD;
        if (w.isEmpty()) return null;
        char c = w.charAt(0);
        // numbers, addresses, durations, byte strings, ranges: what the lexer reads as a word that starts so
        if (Character.isDigit(c) || c == '-' || c == '.' || c == ':' || w.contains(":")) return Kind.VALUE;
        return null;
    }

    /** The tokens of the text, or of its longest prefix the lexer reads when the whole does not lex. */
    private static List<Token> lexable(String text) {
        try {
            return Lexer.lex(text);
        } catch (QueryException e) {
            int at = Math.max(0, Math.min(e.position(), text.length()));
            if (at >= text.length()) return List.of();
            try {
                return Lexer.lex(text.substring(0, at));
            } catch (QueryException again) {
                return List.of();
            }
        }
    }

    private static Set<String> words() {
        var s = new java.util.HashSet<>(Parser.STAGES);
        s.addAll(List.of("by", "as", "asc", "desc", "and", "or", "not", "in", "contains", "matches", "bin", "true", "false"));
        return Set.copyOf(s);
    }
}
