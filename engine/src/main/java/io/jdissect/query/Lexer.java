package io.jdissect.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens. Words cover field ids, numbers, addresses, byte strings and ranges (chat.type,
 * 7272, 127.0.0.1, ::1, 10.0.0.0/8, 34:82:fb:95, 1..1024, 500ms); strings are quoted with " or ' and take the
 * backslash escapes n, t, r, 0, backslash, both quotes, xHH and u with four hex digits; any other escape is an
 * error rather than a silent guess.
 */
final class Lexer {
    private Lexer() { }

    static List<Token> lex(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int start = i;
            switch (c) {
                case '(' -> out.add(single(Token.Kind.LPAREN, q, i++));
                case ')' -> out.add(single(Token.Kind.RPAREN, q, i++));
                case '{' -> out.add(single(Token.Kind.LBRACE, q, i++));
                case '}' -> out.add(single(Token.Kind.RBRACE, q, i++));
                case '[' -> out.add(single(Token.Kind.LBRACKET, q, i++));
                case ']' -> out.add(single(Token.Kind.RBRACKET, q, i++));
                case ',' -> out.add(single(Token.Kind.COMMA, q, i++));
                case '"', '\'' -> {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = q.charAt(i);
                        if (d == '\\') {
                            i = escape(q, i, sb);
                        } else if (d == c) { i++; closed = true; break; }
                        else { sb.append(d); i++; }
                    }
                    if (!closed) throw new QueryException(q, start, n - start, "unterminated string");
                    out.add(new Token(Token.Kind.STRING, sb.toString(), start, i));
                }
                case '=', '!', '<', '>', '~', '&', '|' -> {
                    String two = i + 1 < n ? q.substring(i, i + 2) : "";
                    if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("&&")
                            || two.equals("||") || two.equals("~=")) {
                        out.add(new Token(Token.Kind.OP, two, i, i + 2));
                        i += 2;
                    } else if (c == '|') {
                        out.add(single(Token.Kind.PIPE, q, i++));
                    } else if (c == '&') {
                        throw new QueryException(q, i, 1, "unexpected '&' (use 'and' or '&&')");
                    } else {
                        out.add(single(Token.Kind.OP, q, i++));
                    }
                }
                default -> {
                    if (!isWordChar(c)) throw new QueryException(q, i, 1, "unexpected character '" + c + "'");
                    while (i < n && isWordChar(q.charAt(i))) i++;
                    out.add(new Token(Token.Kind.WORD, q.substring(start, i), start, i));
                }
            }
        }
        out.add(new Token(Token.Kind.END, "", n, n));
        return out;
    }

    private static Token single(Token.Kind kind, String q, int i) {
        return new Token(kind, q.substring(i, i + 1), i, i + 1);
    }

    /** Reads the escape at {@code i} (a backslash) into {@code sb}; returns the index after it. */
    private static int escape(String q, int i, StringBuilder sb) {
        if (i + 1 >= q.length()) throw new QueryException(q, i, 1, "a backslash ends the string; write \\\\ for a backslash");
        char e = q.charAt(i + 1);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '0' -> sb.append('\0');
            case '\\', '"', '\'' -> sb.append(e);
            case 'x' -> { sb.append((char) hex(q, i, 2)); return i + 4; }
            case 'u' -> { sb.append((char) hex(q, i, 4)); return i + 6; }
            default -> throw new QueryException(q, i, 2, "unknown escape \\" + e
                    + " (known: \\n \\t \\r \\0 \\\\ \\\" \\' \\xHH \\uXXXX)");
        }
        return i + 2;
    }

    private static int hex(String q, int i, int digits) {
        int end = i + 2 + digits;
        String h = end <= q.length() ? q.substring(i + 2, end) : "";
        if (h.length() != digits || !h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            int digits0 = 0;
            while (digits0 < digits && i + 2 + digits0 < q.length() && Character.digit(q.charAt(i + 2 + digits0), 16) >= 0) digits0++;
            throw new QueryException(q, i, 2 + digits0, "\\" + q.charAt(i + 1) + " takes exactly "
                    + digits + " hex digits");
        }
        return Integer.parseInt(h, 16);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-' || c == '*' || c == '/' || c == '+';
    }
}
