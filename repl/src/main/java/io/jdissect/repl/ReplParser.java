package io.jdissect.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's parser, with the continuations a query wants: a line ending in {@code |} (the next stage follows), a
 * trailing {@code \}, an open {@code (} or an open double quote continues on the next line.
 */
final class ReplParser extends DefaultParser {
    ReplParser() {
        setEofOnUnclosedBracket(Bracket.ROUND);
        setEofOnUnclosedQuote(true);
        setEofOnEscapedNewLine(true);
        setQuoteChars(new char[] {'"'});
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && line.stripTrailing().endsWith("|") && !line.stripTrailing().endsWith("||")) {
            throw new EOFError(-1, cursor, "a stage follows", "|");
        }
        return super.parse(line, cursor, context);
    }
}
