package io.jdissect.repl;

import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.repl.session.Session;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.regex.Pattern;

/**
 * Underlines in red the token the real query parser rejects, as the user types (a query, {@code query ...} or a bare
 * display filter); when what is missing is at the end of the line (a value after {@code ==}), the last word.
 */
final class QueryHighlighter implements Highlighter {
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
        try {
            Query.parse(query, d.fields(), d.sources());
            return new AttributedString(buffer);
        } catch (QueryException e) {
            int from = Math.max(0, Math.min(e.position() + shift, buffer.length()));
            int to = Math.min(buffer.length(), from + Math.max(1, e.length()));
            if (from >= buffer.stripTrailing().length()) {   // the error is the end of the line (a value missing): mark the last word
                int end = buffer.stripTrailing().length();
                from = Math.max(0, buffer.lastIndexOf(' ', Math.max(0, end - 1)) + 1);
                to = end;
            }
            AttributedStringBuilder sb = new AttributedStringBuilder();
            sb.append(buffer.substring(0, from));
            sb.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).underline());
            sb.append(buffer.substring(from, to));
            sb.style(AttributedStyle.DEFAULT);
            sb.append(buffer.substring(to));
            return sb.toAttributedString();
        }
    }

    @Override public void setErrorPattern(Pattern errorPattern) { }

    @Override public void setErrorIndex(int errorIndex) { }
}
