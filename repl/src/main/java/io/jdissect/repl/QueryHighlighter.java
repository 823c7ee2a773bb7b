package io.jdissect.repl;

import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.query.QuerySyntax;
import io.jdissect.repl.session.Session;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.regex.Pattern;

/**
 * Colours a query as the user types (a query, {@code query ...} or a bare display filter): source, keywords, fields
 * and values as the query's own lexer and the field registry classify them ({@link QuerySyntax}), and underlines in
 * red the token the real parser rejects; when what is missing is at the end of the line (a value after {@code ==}),
 * the last word.
 */
final class QueryHighlighter implements Highlighter {
    private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).underline();
    private static final java.util.Map<QuerySyntax.Kind, AttributedStyle> STYLES = java.util.Map.of(
            QuerySyntax.Kind.SOURCE, AttributedStyle.BOLD,
            QuerySyntax.Kind.KEYWORD, AttributedStyle.BOLD.foreground(AttributedStyle.BLUE),
            QuerySyntax.Kind.FIELD, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN),
            QuerySyntax.Kind.VALUE, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN),
            QuerySyntax.Kind.OPERATOR, AttributedStyle.DEFAULT);
    private final Session session;

    QueryHighlighter(Session session) { this.session = session; }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        var d = session.capture().dissectors();
        String first = buffer.strip().split("\\s+", 2)[0];
        // what the query is, and where it starts in the buffer: SOURCE ..., query SOURCE ..., or a bare display filter
        String query;
        int shift;
        if (d.sources().containsKey(first)) {
            query = buffer;
            shift = 0;
        } else if (first.equals("query") || first.equals("watch")) {
            int at = buffer.indexOf(first) + first.length();
            query = buffer.substring(at);
            shift = at;
            if (query.isBlank() || query.strip().startsWith("-")) return new AttributedString(buffer);
        } else if (!first.isEmpty() && d.fields().find(first.split("[=!<>~\\[(]", 2)[0]) != null) {
            query = "packets where " + buffer;
            shift = -"packets where ".length();
        } else {
            return new AttributedString(buffer);
        }
        AttributedStyle[] style = new AttributedStyle[buffer.length()];
        java.util.Arrays.fill(style, AttributedStyle.DEFAULT);
        for (QuerySyntax.Span span : QuerySyntax.spans(query, d.fields(), d.sources())) {
            int from = Math.max(0, span.from() + shift), to = Math.min(buffer.length(), span.to() + shift);
            if (from < to) java.util.Arrays.fill(style, from, to, STYLES.get(span.kind()));
        }
        try {
            Query.parse(query, d.fields(), d.sources());
        } catch (QueryException e) {
            int from = Math.max(0, Math.min(e.position() + shift, buffer.length()));
            int to = Math.min(buffer.length(), from + Math.max(1, e.length()));
            if (from >= buffer.stripTrailing().length()) {   // the error is the end of the line (a value missing): mark the last word
                int end = buffer.stripTrailing().length();
                from = Math.max(0, buffer.lastIndexOf(' ', Math.max(0, end - 1)) + 1);
                to = end;
            }
            java.util.Arrays.fill(style, from, to, ERROR);
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        for (int i = 0; i < buffer.length(); ) {
            int j = i;
            while (j < buffer.length() && style[j].equals(style[i])) j++;
            sb.style(style[i]).append(buffer, i, j);
            i = j;
        }
        return sb.toAttributedString();
    }

    @Override public void setErrorPattern(Pattern errorPattern) { }

    @Override public void setErrorIndex(int errorIndex) { }
}
