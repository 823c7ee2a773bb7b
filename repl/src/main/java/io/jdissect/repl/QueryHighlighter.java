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

/** Underlines the token the real query parser rejects, as the user types. */
final class QueryHighlighter implements Highlighter {
    private final Session session;

    QueryHighlighter(Session session) { this.session = session; }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        var d = session.capture().dissectors();
        String first = buffer.strip().split("\\s+", 2)[0];
        if (!d.sources().containsKey(first)) return new AttributedString(buffer);
        try {
            Query.parse(buffer, d.fields(), d.sources());
            return new AttributedString(buffer);
        } catch (QueryException e) {
            int from = Math.min(e.position(), buffer.length());
            int to = Math.min(buffer.length(), from + e.length());
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
