package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent parser for {@code source [where expr] (| stage)*}, with tshark's display-filter syntax in
 * {@code expr}. Written by hand rather than with a parser generator: the grammar is small and hand-written
 * code gives exact caret positions. Nesting is bounded ({@link #MAX_DEPTH}) so no input can overflow the stack;
 * chains of {@code and}/{@code or} are flat lists, not deep trees.
 */
final class Parser {
    /** Parentheses and {@code not}s nested deeper than this are an error (Wireshark's own parser stops far sooner). */
    static final int MAX_DEPTH = 200;

    static final List<String> STAGES = List.of("where", "count", "sum", "avg", "min", "max", "p50", "p90", "p95", "p99",
            "dcount", "distinct", "sort", "top", "limit", "head", "fields", "select");


    private final String text;
    private final List<Token> tokens;
    private final FieldRegistry fields;
    private final Map<String, Source> sources;
    private Schema schema;
    private int p;
    private int depth;

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
            throw error(src, "unknown source '" + src.text() + "'" + Suggest.didYouMean(name, sources.keySet())
                    + "; sources are " + String.join(", ", sources.keySet()));
        }
        Source source = sources.get(name);
        schema = Schema.of(fields, source, sources);
        Schema rawSchema = schema;
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
            // an aggregate after an aggregate groups the rows the first gave (count by chat.from | count: how many senders)
            Stage s = stage();
            stages.add(s);
        }
        Token end = peek();
        if (end.kind() != Token.Kind.END) {
            throw error(end, filter == null && stages.isEmpty() ? "expected 'where' or '|'" : "unexpected '" + end.text() + "'");
        }
        return new Query(text, source, filter, filterText, stages, schema.columnDefs(), rawSchema);
    }

    // ---- stages ----

    private Stage stage() {
        Token t = next();
        String w = t.kind() == Token.Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : "";
        switch (w) {
            case "where" -> { return new Stage.Where(or()); }
            case "count", "sum", "avg", "min", "max", "p50", "p90", "p95", "p99", "dcount" -> {
                p--;
                return aggregate();
            }
            case "limit", "head" -> { return new Stage.Limit(count(next())); }
            case "top" -> {
                long n = count(next());
                expectWord("by");
                return new Stage.Top(n, sortKey(true));
            }
            case "sort" -> {
                List<Stage.SortKey> keys = new ArrayList<>();
                keys.add(sortKey(false));
                while (peek().kind() == Token.Kind.COMMA) { next(); keys.add(sortKey(false)); }
                return new Stage.Sort(keys);
            }
            case "distinct" -> {
                Map<String, FieldDef<?>> cols = new LinkedHashMap<>();
                do {
                    FieldRef f = field(next());
                    cols.put(f.key(), schema.raw() ? keyed(f) : f.def());
                } while (peek().kind() == Token.Kind.COMMA && next() != null);
                schema = schema.columns(cols);
                return new Stage.Distinct(List.copyOf(cols.keySet()));
            }
            case "fields", "select" -> {
                List<Stage.Column> out = new ArrayList<>();
                Map<String, FieldDef<?>> cols = new LinkedHashMap<>();
                do {
                    FieldRef f = field(next());
                    String name = f.def().id();
                    if (peek().is("as")) {
                        next();
                        Token alias = next();
                        name = alias(alias);
                    }
                    if (cols.containsKey(name)) throw error(previous(), "column '" + name + "' twice");
                    out.add(new Stage.Column(f.key(), name));
                    cols.put(name, renamed(f.def(), name));
                } while (peek().kind() == Token.Kind.COMMA && next() != null);
                schema = schema.columns(cols);
                return new Stage.Fields(out);
            }
            default -> throw error(t, (t.kind() == Token.Kind.END ? "expected a stage" : "unknown stage '" + t.text() + "'")
                    + Suggest.didYouMean(t.text(), STAGES) + "; stages are " + String.join(", ", STAGES));
        }
    }

    private Stage aggregate() {
        List<Stage.Agg> aggs = new ArrayList<>();
        Map<String, FieldDef<?>> aggCols = new LinkedHashMap<>();
        do {
            Token fnTok = next();
            Stage.Fn fn = switch (fnTok.text().toLowerCase(Locale.ROOT)) {
                case "count" -> Stage.Fn.COUNT;
                case "sum" -> Stage.Fn.SUM;
                case "avg" -> Stage.Fn.AVG;
                case "min" -> Stage.Fn.MIN;
                case "max" -> Stage.Fn.MAX;
                case "p50" -> Stage.Fn.P50;
                case "p90" -> Stage.Fn.P90;
                case "p95" -> Stage.Fn.P95;
                case "p99" -> Stage.Fn.P99;
                case "dcount" -> Stage.Fn.DISTINCT_COUNT;
                default -> throw error(fnTok, "expected an aggregate (count, sum, avg, min, max, p50, p90, p95, p99, dcount)"
                        + Suggest.didYouMean(fnTok.text(), List.of("count", "sum", "avg", "min", "max", "p50", "p99", "dcount")));
            };
            FieldRef arg = null;
            boolean parens = peek().kind() == Token.Kind.LPAREN;
            if (parens) {
                next();
                if (!(fn == Stage.Fn.COUNT && peek().kind() == Token.Kind.RPAREN)) arg = field(next());
                expect(Token.Kind.RPAREN, "expected ')'");
            }
            if (fn != Stage.Fn.COUNT && arg == null) throw error(peek(), fnTok.text() + " takes a field: " + fnTok.text() + "(FIELD)");
            if (arg != null && fn != Stage.Fn.COUNT && fn != Stage.Fn.DISTINCT_COUNT && fn != Stage.Fn.MIN && fn != Stage.Fn.MAX
                    && !numeric(arg.def().type())) {
                throw error(previous(), fnTok.text() + " needs a number field; " + arg.def().id() + " is " + Literals.typeName(arg.def().type()));
            }
            String name = fnTok.text().toLowerCase(Locale.ROOT);
            if (peek().is("as")) { next(); name = alias(next()); }
            else if (aggCols.containsKey(name) && arg != null) name = name + "_" + arg.def().id().replace('.', '_');
            if (aggCols.containsKey(name)) throw error(previous(), "column '" + name + "' twice; name one with 'as'");
            aggs.add(new Stage.Agg(fn, arg == null ? null : arg.key(), name));
            aggCols.put(name, resultDef(name, fn, arg));
        } while (peek().kind() == Token.Kind.COMMA && next() != null);
        List<Stage.Key> by = new ArrayList<>();
        Map<String, FieldDef<?>> cols = new LinkedHashMap<>();
        if (peek().is("by")) {
            next();
            do {
                by.add(groupKey(cols));
            } while (peek().kind() == Token.Kind.COMMA && next() != null);
        }
        cols.putAll(aggCols);
        schema = schema.columns(cols);
        return new Stage.Aggregate(aggs, by);
    }

    /** {@code F}, {@code bin(F, 1m)}, or a duration alone ({@code by 1m} = {@code bin(frame.time, 1m)}). */
    private Stage.Key groupKey(Map<String, FieldDef<?>> cols) {
        Token t = next();
        FieldRef f;
        double width = 0;
        if (t.is("bin") && peek().kind() == Token.Kind.LPAREN) {
            next();
            f = field(next());
            expect(Token.Kind.COMMA, "expected ',' and a bucket width: bin(frame.time, 1m)");
            width = width(f, next());
            expect(Token.Kind.RPAREN, "expected ')'");
        } else if (t.kind() == Token.Kind.WORD && Character.isDigit(t.text().charAt(0))) {
            FieldDef<?> time = fields.find("frame.time");
            if (time == null || schema.find("frame.time") == null) throw error(t, "a time bucket needs frame.time on the rows");
            f = new FieldRef(time, "frame.time", null);
            width = width(f, t);
        } else {
            f = field(t);
        }
        if (cols.containsKey(f.key())) throw error(t, "'" + f.key() + "' is a key twice");
        cols.put(f.key(), schema.raw() ? keyed(f) : f.def());
        return new Stage.Key(f.key(), width);
    }

    private double width(FieldRef f, Token t) {
        FieldType type = f.def().type();
        if (type != FieldType.TIME && !numeric(type)) throw error(t, "bin needs a time or number field; " + f.def().id() + " is " + Literals.typeName(type));
        try {
            FieldDef<?> seconds = FieldDef.dbl("x", "x", "x");
            double w = type == FieldType.TIME ? ((Literal.Num) Literals.value(seconds, t.text(), false)).value() * 1e9
                    : ((Literal.Num) Literals.value(type == FieldType.DOUBLE ? seconds : f.def(), t.text(), false)).value();
            if (!(w > 0)) throw error(t, "a bucket width must be more than 0");
            return w;
        } catch (Literals.Invalid e) {
            throw error(t, "bad bucket width '" + t.text() + "': write 1s, 500ms, 1m, 1h (or a number for a number field)");
        }
    }

    private Stage.SortKey sortKey(boolean topDefaultDesc) {
        Token t = next();
        String col;
        if (!schema.raw() && t.kind() == Token.Kind.WORD && schema.find(t.text().toLowerCase(Locale.ROOT)) != null) {
            col = t.text().toLowerCase(Locale.ROOT);
        } else {
            col = field(t).key();
        }
        boolean desc = topDefaultDesc;
        if (peek().is("desc")) { next(); desc = true; }
        else if (peek().is("asc")) { next(); desc = false; }
        return new Stage.SortKey(col, desc);
    }

    private long count(Token n) {
        Long rows = Literals.parseLong(n.text());
        if (n.kind() != Token.Kind.WORD || rows == null) throw error(n, "expected a number of rows");
        if (rows < 0) throw error(n, "expected a number of rows, not a negative one");
        return rows;
    }

    private String alias(Token t) {
        String a = t.text().toLowerCase(Locale.ROOT);
        if (t.kind() != Token.Kind.WORD || !a.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
            throw error(t, "expected a column name (letters, digits, _ and .) after 'as'");
        }
        return a;
    }

    private static FieldDef<?> renamed(FieldDef<?> f, String name) {
        return name.equals(f.id()) ? f : new FieldDef(name, f.name(), f.type(), f.description(), f.valueNames(), false);
    }

    /** A raw field as a result column: under its row key ("port" is "tcp.port"). */
    private static FieldDef<?> keyed(FieldRef f) {
        return renamed(f.def(), f.key());
    }

    private static FieldDef<?> resultDef(String name, Stage.Fn fn, FieldRef arg) {
        FieldType t = switch (fn) {
            case COUNT, DISTINCT_COUNT -> FieldType.INTEGER;
            case SUM -> arg.def().type() == FieldType.INTEGER ? FieldType.INTEGER : FieldType.DOUBLE;
            case MIN, MAX -> arg.def().type();
            default -> arg.def().type() == FieldType.TIME ? FieldType.TIME : FieldType.DOUBLE;
        };
        return new FieldDef(name, name, t, fn.name().toLowerCase(Locale.ROOT) + (arg == null ? "" : " of " + arg.def().id()), Map.of(), false);
    }

    private static boolean numeric(FieldType t) {
        return t == FieldType.INTEGER || t == FieldType.DOUBLE || t == FieldType.TIME;
    }

    // ---- filter expressions ----

    private Expr or() {
        List<Expr> parts = new ArrayList<>();
        parts.add(and());
        while (peek().is("or") || peek().is("||")) {
            next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(parts);
    }

    private Expr and() {
        List<Expr> parts = new ArrayList<>();
        parts.add(not());
        while (peek().is("and") || peek().is("&&")) {
            next();
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(parts);
    }

    private Expr not() {
        if (peek().is("not") || peek().is("!")) {
            Token t = next();
            enter(t);
            Expr inner = not();
            depth--;
            return new Expr.Not(inner);
        }
        return primary();
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) throw error(t, "expression nested deeper than " + MAX_DEPTH + " levels");
    }

    private Expr primary() {
        Token t = next();
        if (t.kind() == Token.Kind.LPAREN) {
            enter(t);
            Expr e = or();
            depth--;
            Token close = next();
            if (close.kind() != Token.Kind.RPAREN) throw error(close, "expected ')'");
            return e;
        }
        if (t.kind() != Token.Kind.WORD) throw error(t, t.kind() == Token.Kind.END ? "expected a field" : "expected a field, found '" + t.text() + "'");
        String word = t.text().toLowerCase(Locale.ROOT);
        if (schema.find(word) == null && schema.isProtocol(word) && peek().kind() != Token.Kind.LBRACKET) {
            String problem = schema.protocolProblem(word);
            if (problem != null) throw error(t, problem);
            if (op(peek()) != null || peek().is("in")) throw error(peek(), word + " is a protocol; compare one of its fields (" + word + ".…)");
            return new Expr.Proto(word);
        }
        FieldRef f = field(t);
        if (peek().kind() == Token.Kind.LBRACKET) f = slice(f);
        if (peek().is("in")) {
            next();
            return new Expr.In(f, set(f));
        }
        if (peek().is("not") && tokens.get(Math.min(p + 1, tokens.size() - 1)).is("in")) {
            next();
            next();
            return new Expr.Not(new Expr.In(f, set(f)));
        }
        Expr.Op op = op(peek());
        if (op == null) return new Expr.Exists(f);
        next();
        Token v = next();
        if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.STRING) throw error(v, "expected a value after " + op.symbol);
        if (op.ordering() && (f.def().type() == FieldType.BOOLEAN)) throw error(previous(), f.def().id() + " is true or false; it has no order");
        if (v.kind() == Token.Kind.WORD && op != Expr.Op.MATCHES && schema.find(v.text().toLowerCase(Locale.ROOT)) != null) {
            FieldRef other = field(v);
            boolean numbers = numeric(f.def().type()) && numeric(other.def().type());
            if (!numbers && f.def().type() != other.def().type()) {
                throw error(v, "cannot compare " + f.def().id() + " (" + Literals.typeName(f.def().type()) + ") with "
                        + other.def().id() + " (" + Literals.typeName(other.def().type()) + ")");
            }
            if (op == Expr.Op.CONTAINS) throw error(v, "contains takes a value, not a field");
            return new Expr.CompareFields(f, op, other);
        }
        return new Expr.Compare(f, op, literal(f, op, v));
    }

    /** {@code [i:n]} (n bytes from i), {@code [i-j]} (i to j), {@code [i]}, {@code [i:]}, {@code [:n]}, as tshark. */
    private FieldRef slice(FieldRef f) {
        Token open = next();
        if (f.def().type() != FieldType.BYTES) throw error(open, "only bytes fields take a slice; " + f.def().id() + " is " + Literals.typeName(f.def().type()));
        Token spec = next();
        String s = spec.text();
        int from, to;
        try {
            if (s.contains(":")) {
                String[] a = s.split(":", -1);
                from = a[0].isEmpty() ? 0 : Integer.parseInt(a[0]);
                to = a[1].isEmpty() ? -1 : Math.addExact(from, Integer.parseInt(a[1]));
            } else if (s.contains("-")) {
                String[] a = s.split("-", -1);
                from = Integer.parseInt(a[0]);
                to = Math.addExact(Integer.parseInt(a[1]), 1);
            } else {
                from = Integer.parseInt(s);
                to = from + 1;
            }
        } catch (RuntimeException e) {
            throw error(spec, "expected a slice: [0:2], [0-1], [3], [2:] or [:4]");
        }
        if (spec.kind() != Token.Kind.WORD || from < 0 || (to >= 0 && to <= from)) throw error(spec, "expected a slice: [0:2], [0-1], [3], [2:] or [:4]");
        expect(Token.Kind.RBRACKET, "expected ']'");
        return new FieldRef(f.def(), f.key(), new FieldRef.Slice(from, to));
    }

    /** {@code {a, b, c}}, {@code {a b c}} or ranges {@code {1..1024}}. */
    private List<Literal> set(FieldRef f) {
        Token open = next();
        if (open.kind() != Token.Kind.LBRACE) throw error(open, "expected '{' after in: tcp.port in {80, 443}");
        List<Literal> out = new ArrayList<>();
        while (true) {
            Token t = next();
            if (t.kind() == Token.Kind.RBRACE) break;
            if (t.kind() == Token.Kind.COMMA) continue;
            if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) throw error(t, t.kind() == Token.Kind.END ? "expected '}'" : "expected a value or '}'");
            int dots = t.kind() == Token.Kind.WORD ? t.text().indexOf("..") : -1;
            if (dots >= 0 || peek().is("..")) {
                String lo = dots >= 0 ? t.text().substring(0, dots) : t.text();
                String hi = dots >= 0 ? t.text().substring(dots + 2) : null;
                if (hi == null) { next(); hi = next().text(); }
                else if (hi.isEmpty()) hi = next().text();
                if (lo.isEmpty() || hi.isEmpty()) throw error(t, "expected a range: 1..1024");
                Literal l = literal(f, Expr.Op.LE, new Token(Token.Kind.WORD, lo, t.pos(), t.pos() + lo.length()));
                Literal h = literal(f, Expr.Op.LE, new Token(Token.Kind.WORD, hi, t.pos(), t.end()));
                out.add(new Literal.Range(l, h));
            } else {
                out.add(literal(f, Expr.Op.EQ, t));
            }
        }
        if (out.isEmpty()) throw error(open, "an empty set matches nothing");
        return out;
    }

    private Literal literal(FieldRef f, Expr.Op op, Token v) {
        FieldDef<?> def = f.slice() == null ? f.def() : FieldDef.bytes(f.def().id(), f.def().name(), f.def().description());
        try {
            return Literals.of(def, op, v.text(), v.kind() == Token.Kind.STRING);
        } catch (Literals.Invalid e) {
            throw error(v, e.getMessage());
        }
    }

    private static Expr.Op op(Token t) {
        if (t.kind() == Token.Kind.OP) {
            return switch (t.text()) {
                case "=", "==" -> Expr.Op.EQ;
                case "!=", "~=" -> Expr.Op.NE;
                case "<" -> Expr.Op.LT;
                case "<=" -> Expr.Op.LE;
                case ">" -> Expr.Op.GT;
                case ">=" -> Expr.Op.GE;
                case "~" -> Expr.Op.MATCHES;
                default -> null;
            };
        }
        if (t.kind() != Token.Kind.WORD) return null;
        return switch (t.text().toLowerCase(Locale.ROOT)) {
            case "contains" -> Expr.Op.CONTAINS;
            case "matches" -> Expr.Op.MATCHES;
            case "eq" -> Expr.Op.EQ;
            case "ne" -> Expr.Op.NE;
            case "lt" -> Expr.Op.LT;
            case "le" -> Expr.Op.LE;
            case "gt" -> Expr.Op.GT;
            case "ge" -> Expr.Op.GE;
            default -> null;
        };
    }

    private FieldRef field(Token t) {
        if (t.kind() != Token.Kind.WORD) throw error(t, t.kind() == Token.Kind.END ? "expected a field" : "expected a field, found '" + t.text() + "'");
        String id = t.text().toLowerCase(Locale.ROOT);
        FieldDef<?> f = schema.find(id);
        if (f == null) {
            String where = schema.raw() ? "" : "; the columns here are " + String.join(", ", schema.names());
            throw error(t, "unknown field '" + t.text() + "'" + Suggest.didYouMean(id, schema.names()) + where);
        }
        if (schema.raw() && isFamilyMember(f)) {
            // an open family (chat.<any JSON member>) takes any name; one a letter or two off a declared field is a typo
            String near = Suggest.closest(id, fields.all().stream().filter(d -> !d.family() && d.protocol().equals(f.protocol())).map(FieldDef::id).toList());
            if (near != null && Suggest.distance(id, near) <= 2) throw error(t, "unknown field '" + t.text() + "' (did you mean " + near + "?)");
        }
        String problem = schema.problem(f);
        if (problem != null) throw error(t, problem);
        return new FieldRef(f, schema.key(f), null);
    }

    private boolean isFamilyMember(FieldDef<?> f) {
        return QueryFields.find(f.id()) == null && fields.all().stream().noneMatch(d -> d.id().equals(f.id()));
    }

    private void expect(Token.Kind kind, String message) {
        Token t = next();
        if (t.kind() != kind) throw error(t, message);
    }

    private void expectWord(String word) {
        Token t = next();
        if (!t.is(word)) throw error(t, "expected '" + word + "'");
    }

    private Token next() { return tokens.get(Math.min(p++, tokens.size() - 1)); }

    private Token previous() { return tokens.get(Math.max(0, Math.min(p - 1, tokens.size() - 1))); }

    private Token peek() { return tokens.get(Math.min(p, tokens.size() - 1)); }

    private QueryException error(Token t, String message) {
        return new QueryException(text, t.pos(), t.length(), message);
    }
}
