package io.jdissect.query;

/** A lexical token and where it starts in the query text ({@code end} is one past its last character). */
record Token(Kind kind, String text, int pos, int end) {
    enum Kind { WORD, STRING, OP, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, PIPE, COMMA, END }

    int length() { return Math.max(1, end - pos); }

    boolean is(String word) {
        return (kind == Kind.WORD || kind == Kind.OP) && text.equalsIgnoreCase(word);
    }
}
