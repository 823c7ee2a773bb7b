package io.jdissect.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens. Words cover field ids, numbers and addresses (chat.type, 7272, 127.0.0.1, ::1);
 * strings are quoted with " or ' and take backslash escapes.
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
                case '(' -> { out.add(new Token(Token.Kind.LPAREN, "(", i)); i++; }
                case ')' -> { out.add(new Token(Token.Kind.RPAREN, ")", i)); i++; }
                case ',' -> { out.add(new Token(Token.Kind.COMMA, ",", i)); i++; }
                case '"', '\'' -> {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = q.charAt(i);
                        if (d == '\\' && i + 1 < n) {
                            char e = q.charAt(i + 1);
                            sb.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; default -> e; });
                            i += 2;
                        } else if (d == c) { i++; closed = true; break; }
                        else { sb.append(d); i++; }
                    }
                    if (!closed) throw new QueryException(q, start, n - start, "unterminated string");
                    out.add(new Token(Token.Kind.STRING, sb.toString(), start));
                }
                case '=', '!', '<', '>', '~', '&', '|' -> {
                    String two = i + 1 < n ? q.substring(i, i + 2) : "";
                    if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("&&") || two.equals("||")) {
                        out.add(new Token(Token.Kind.OP, two, i));
                        i += 2;
                    } else if (c == '|') {
                        out.add(new Token(Token.Kind.PIPE, "|", i));
                        i++;
                    } else if (c == '&') {
                        throw new QueryException(q, i, 1, "unexpected '&' (use 'and' or '&&')");
                    } else {
                        out.add(new Token(Token.Kind.OP, String.valueOf(c), i));
                        i++;
                    }
                }
                default -> {
                    if (!isWordChar(c)) throw new QueryException(q, i, 1, "unexpected character '" + c + "'");
                    while (i < n && isWordChar(q.charAt(i))) i++;
                    out.add(new Token(Token.Kind.WORD, q.substring(start, i), start));
                }
            }
        }
        out.add(new Token(Token.Kind.END, "", n));
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-' || c == '*' || c == '/';
    }
}
