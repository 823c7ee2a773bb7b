package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for {@code source [where expr] (| stage)*}. Written by hand rather than with a
 * parser generator: the grammar is a dozen rules and hand-written code gives exact caret positions.
 */
final class Parser {
    private final String text;
    private final List<Token> tokens;
    private final FieldRegistry fields;
    private final Map<String, Source> sources;
    private int p;

    Parser(String text, FieldRegistry fields, Map<String, Source> sources) {
        this.text = text;
        this.tokens = Lexer.lex(text);
        this.fields = fields;
        this.sources = sources;
    }

    Query parse() {
        Token src = next();
        if (src.kind() != Token.Kind.WORD) throw error(src, "expected a source (" + String.join(", ", sources.keySet()) + ")");
        String name = src.text().toLowerCase(Locale.ROOT);
        if (!sources.containsKey(name)) {
            throw error(src, "unknown source '" + src.text() + "'; sources are " + String.join(", ", sources.keySet()));
        }
        Expr filter = null;
        String filterText = null;
        if (peek().is("where")) {
            next();
            int from = peek().pos();
            filter = or();
            filterText = text.substring(from, Math.min(text.length(), peek().pos())).strip();
        }
        List<Stage> stages = new ArrayList<>();
        while (peek().kind() == Token.Kind.PIPE) {
            next();
            Token at = peek();
            Stage s = stage();
            // counting is done while rows stream in, keyed by one count's fields; a count of counts is not
            if (s instanceof Stage.Count && stages.stream().anyMatch(x -> x instanceof Stage.Count)) {
                throw error(at, "only one count per query");
            }
            stages.add(s);
        }
        Token end = peek();
        if (end.kind() != Token.Kind.END) {
            throw error(end, filter == null && stages.isEmpty() ? "expected 'where' or '|'" : "unexpected '" + end.text() + "'");
        }
        return new Query(text, sources.get(name), filter, filterText, stages);
    }

    private Stage stage() {
        Token t = next();
        if (t.is("count")) {
            List<String> by = new ArrayList<>();
            if (peek().is("by")) {
                next();
                by = fieldList();
            }
            return new Stage.Count(by);
        }
        if (t.is("limit") || t.is("head")) {
            Token n = next();
            long rows;
            try {
                rows = Long.parseLong(n.text());
            } catch (NumberFormatException e) {
                throw error(n, "expected a number of rows");
            }
            if (rows < 0) throw error(n, "expected a number of rows, not a negative one");
            return new Stage.Limit(rows);
        }
        if (t.is("fields") || t.is("select")) return new Stage.Fields(fieldList());
        if (t.is("sort")) {
            String f = field(next()).id();
            boolean desc = false;
            if (peek().is("desc")) { next(); desc = true; }
            else if (peek().is("asc")) next();
            return new Stage.Sort(f, desc);
        }
        throw error(t, "expected count, limit, fields or sort after '|'");
    }

    private List<String> fieldList() {
        List<String> ids = new ArrayList<>();
        ids.add(field(next()).id());
        while (peek().kind() == Token.Kind.COMMA) {
            next();
            ids.add(field(next()).id());
        }
        return ids;
    }

    private Expr or() {
        Expr e = and();
        while (peek().is("or") || peek().is("||")) {
            next();
            e = new Expr.Or(e, and());
        }
        return e;
    }

    private Expr and() {
        Expr e = not();
        while (peek().is("and") || peek().is("&&")) {
            next();
            e = new Expr.And(e, not());
        }
        return e;
    }

    private Expr not() {
        if (peek().is("not") || peek().is("!")) {
            next();
            return new Expr.Not(not());
        }
        return primary();
    }

    private Expr primary() {
        Token t = next();
        if (t.kind() == Token.Kind.LPAREN) {
            Expr e = or();
            Token close = next();
            if (close.kind() != Token.Kind.RPAREN) throw error(close, "expected ')'");
            return e;
        }
        if (t.kind() != Token.Kind.WORD) throw error(t, t.kind() == Token.Kind.END ? "expected a field" : "expected a field, found '" + t.text() + "'");
        FieldDef f = field(t);
        Expr.Op op = op(peek());
        if (op == null) return new Expr.Exists(f);
        next();
        Token v = next();
        if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.STRING) throw error(v, "expected a value after " + op.symbol);
        return new Expr.Compare(f, op, value(f, op, v));
    }

    private static Expr.Op op(Token t) {
        if (t.kind() == Token.Kind.OP) {
            return switch (t.text()) {
                case "=", "==" -> Expr.Op.EQ;
                case "!=" -> Expr.Op.NE;
                case "<" -> Expr.Op.LT;
                case "<=" -> Expr.Op.LE;
                case ">" -> Expr.Op.GT;
                case ">=" -> Expr.Op.GE;
                case "~" -> Expr.Op.MATCHES;
                default -> null;
            };
        }
        if (t.is("contains")) return Expr.Op.CONTAINS;
        if (t.is("matches")) return Expr.Op.MATCHES;
        if (t.is("eq")) return Expr.Op.EQ;
        if (t.is("ne")) return Expr.Op.NE;
        return null;
    }

    private FieldDef field(Token t) {
        if (t.kind() != Token.Kind.WORD) throw error(t, "expected a field");
        String id = t.text().toLowerCase(Locale.ROOT);
        FieldDef f = fields.find(id);
        if (f == null) throw error(t, "unknown field '" + t.text() + "'" + suggestion(id));
        return f;
    }

    private String suggestion(String id) {
        String best = null;
        int bestD = 4;
        for (FieldDef f : fields.all()) {
            int d = distance(id, f.id());
            if (d < bestD) { bestD = d; best = f.id(); }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    private Object value(FieldDef f, Expr.Op op, Token v) {
        String s = v.text();
        if (op == Expr.Op.MATCHES) {
            try {
                return Pattern.compile(s);
            } catch (PatternSyntaxException e) {
                throw error(v, "bad regular expression: " + e.getDescription());
            }
        }
        if (op == Expr.Op.CONTAINS) return s;
        FieldType type = f.type();
        switch (type) {
            case INTEGER, TIME -> {
                Long n = parseLong(s);
                if (n != null) return n;
                for (Map.Entry<Long, String> e : f.valueNames().entrySet()) {
                    if (e.getValue().equalsIgnoreCase(s)) return e.getKey();
                }
                // a word of exactly one name is enough: Close for "Connection Close"
                Long only = null;
                int hits = 0;
                for (Map.Entry<Long, String> e : f.valueNames().entrySet()) {
                    for (String word : e.getValue().split("\\s+")) {
                        if (word.equalsIgnoreCase(s)) { only = e.getKey(); hits++; break; }
                    }
                }
                if (hits == 1) return only;
                throw error(v, f.id() + " is a number; '" + s + "' is not one" + names(f));
            }
            case DOUBLE -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw error(v, f.id() + " is a number; '" + s + "' is not one");
                }
            }
            case BOOLEAN -> {
                if (s.equalsIgnoreCase("true") || s.equals("1")) return Boolean.TRUE;
                if (s.equalsIgnoreCase("false") || s.equals("0")) return Boolean.FALSE;
                throw error(v, f.id() + " is true or false, not '" + s + "'");
            }
            default -> {
                if ((op != Expr.Op.EQ && op != Expr.Op.NE) && parseLong(s) != null) return parseLong(s);
                return s;
            }
        }
    }

    private static String names(FieldDef f) {
        return f.valueNames().isEmpty() ? "" : " (names: " + String.join(", ", f.valueNames().values()) + ")";
    }

    private static Long parseLong(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseLong(s.substring(2), 16);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Token next() { return tokens.get(Math.min(p++, tokens.size() - 1)); }

    private Token peek() { return tokens.get(Math.min(p, tokens.size() - 1)); }

    private QueryException error(Token t, String message) {
        return new QueryException(text, t.pos(), t.kind() == Token.Kind.STRING ? t.text().length() + 2 : t.length(), message);
    }
}
