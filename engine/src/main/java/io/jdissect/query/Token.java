package io.jdissect.query;

/** A lexical token and where it starts in the query text. */
record Token(Kind kind, String text, int pos) {
    enum Kind { WORD, STRING, OP, LPAREN, RPAREN, PIPE, COMMA, END }

    int length() { return Math.max(1, text.length()); }

    boolean is(String word) {
        return (kind == Kind.WORD || kind == Kind.OP) && text.equalsIgnoreCase(word);
    }
}
