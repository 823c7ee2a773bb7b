package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldType;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a value into a {@link Literal} of the field's type, or says why it is not one. Nothing is
 * guessed: a value that is not valid for the field (an address 127.0.0.256, a word for a number) is an error.
 */
final class Literals {
    private Literals() { }

    /** A value that is not valid for the field; the parser adds the caret. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) { super(message, null, false, false); }
    }

    private static final Pattern NUMBER_UNIT = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)([a-zA-Zµ]+)?");

    /** Seconds per duration unit, for fields held in seconds. */
    private static final Map<String, Double> DURATIONS = Map.of("ns", 1e-9, "us", 1e-6, "µs", 1e-6, "ms", 1e-3, "s", 1.0,
            "m", 60.0, "min", 60.0, "h", 3600.0, "d", 86400.0);

    /** Bytes per size unit: SI (kB = 1000) and IEC (KiB = 1024), as tools print them. */
    private static final Map<String, Long> SIZES = Map.ofEntries(Map.entry("b", 1L), Map.entry("kb", 1000L),
            Map.entry("k", 1000L), Map.entry("mb", 1000_000L), Map.entry("m", 1000_000L), Map.entry("gb", 1000_000_000L),
            Map.entry("g", 1000_000_000L), Map.entry("tb", 1000_000_000_000L), Map.entry("kib", 1L << 10),
            Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40));

    /**
     * The literal {@code text} stands for when compared with {@code f} by {@code op}.
     *
     * @param quoted whether the text was a quoted string (a string never names a protocol value by accident)
     */
    static Literal of(FieldDef<?> f, Expr.Op op, String text, boolean quoted) {
        if (op == Expr.Op.MATCHES) {
            if (!textual(f.type())) throw new Invalid("matches needs a text field; " + f.id() + " is " + typeName(f.type()));
            try {
                // Wireshark's matches is case-insensitive unless the pattern says (?-i)
                return new Literal.Regex(Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new Invalid("bad regular expression: " + e.getDescription());
            }
        }
        if (op == Expr.Op.CONTAINS) {
            if (f.type() == FieldType.BYTES) return quoted ? new Literal.Bytes(hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) : bytes(f, text);
            if (!textual(f.type())) throw new Invalid("contains needs a text or bytes field; " + f.id() + " is " + typeName(f.type()));
            return new Literal.Text(text);
        }
        return value(f, text, quoted);
    }

    /** A value for {@code ==}, ordering and {@code in}. */
    static Literal value(FieldDef<?> f, String s, boolean quoted) {
        return switch (f.type()) {
            case INTEGER -> integer(f, s);
            case DOUBLE -> dbl(f, s);
            case TIME -> Literal.Num.of(Times.parse(s));
            case BOOLEAN -> {
                if (s.equalsIgnoreCase("true") || s.equals("1")) yield new Literal.Bool(true);
                if (s.equalsIgnoreCase("false") || s.equals("0")) yield new Literal.Bool(false);
                throw new Invalid(f.id() + " is true or false (or 1 or 0), not '" + s + "'");
            }
            case ADDRESS -> IpLiterals.parse(f, s);
            case BYTES -> bytes(f, s);
            case STRING -> new Literal.Text(s);
        };
    }

    private static Literal integer(FieldDef<?> f, String s) {
        Long n = parseLong(s);
        if (n != null) return Literal.Num.of(n);
        for (Map.Entry<Long, String> e : f.valueNames().entrySet()) {
            if (e.getValue().equalsIgnoreCase(s)) return Literal.Num.of(e.getKey());
        }
        // a word of exactly one name is enough: Close for "Connection Close"
        Long only = null;
        int hits = 0;
        for (Map.Entry<Long, String> e : f.valueNames().entrySet()) {
            for (String word : e.getValue().split("\\s+")) {
                if (word.equalsIgnoreCase(s)) { only = e.getKey(); hits++; break; }
            }
        }
        if (hits == 1) return Literal.Num.of(only);
        Matcher m = NUMBER_UNIT.matcher(s);
        if (m.matches() && m.group(2) != null) {
            Long unit = SIZES.get(m.group(2).toLowerCase(Locale.ROOT));
            if (unit == null) throw new Invalid("unknown size unit '" + m.group(2) + "' (B, kB, MB, GB, KiB, MiB, GiB)");
            return Literal.Num.of(Math.round(Double.parseDouble(m.group(1)) * unit));
        }
        throw new Invalid(f.id() + " is a number; '" + s + "' is not one" + names(f));
    }

    private static Literal dbl(FieldDef<?> f, String s) {
        Matcher m = NUMBER_UNIT.matcher(s);
        if (!m.matches()) throw new Invalid(f.id() + " is a number; '" + s + "' is not one");
        double d = Double.parseDouble(m.group(1));
        if (m.group(2) == null) return Literal.Num.of(d);
        Double unit = DURATIONS.get(m.group(2));
        if (unit == null) throw new Invalid("unknown duration unit '" + m.group(2) + "' (ns, us, ms, s, m, h, d); " + f.id() + " is in seconds");
        return Literal.Num.of(d * unit);
    }

    /** tshark's byte strings: 34:82:fb:95, 34-82-fb-95, 34.82.fb.95 or 3482fb95. */
    static Literal bytes(FieldDef<?> f, String s) {
        String h = s.toLowerCase(Locale.ROOT);
        boolean separated = h.length() > 2 && (h.charAt(2) == ':' || h.charAt(2) == '-' || h.charAt(2) == '.');
        if (separated) {
            char sep = h.charAt(2);
            StringBuilder sb = new StringBuilder();
            for (String part : h.split(Pattern.quote(String.valueOf(sep)), -1)) {
                if (part.length() != 2 && part.length() != 1) throw new Invalid(bytesError(f, s));
                sb.append(part.length() == 1 ? "0" + part : part);
            }
            h = sb.toString();
        } else if (h.length() == 1) {
            h = "0" + h;
        }
        if (h.isEmpty() || h.length() % 2 != 0 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) throw new Invalid(bytesError(f, s));
        return new Literal.Bytes(h);
    }

    private static String bytesError(FieldDef<?> f, String s) {
        return f.id() + " is bytes; '" + s + "' is not a byte string (write 34:82:fb:95 or 3482fb95)";
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        return sb.toString();
    }

    /** A row's bytes value as bare lowercase hex (rows hold it so already; this tolerates separators). */
    static String hexOnly(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.digit(c, 16) < 0 || Character.isUpperCase(c)) return v.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        }
        return v;
    }

    static boolean textual(FieldType t) {
        return t == FieldType.STRING || t == FieldType.BYTES || t == FieldType.ADDRESS;
    }

    static String typeName(FieldType t) {
        return switch (t) {
            case INTEGER -> "a number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "text";
            case ADDRESS -> "an address";
            case TIME -> "a time";
            case BYTES -> "bytes";
        };
    }

    private static String names(FieldDef<?> f) {
        return f.valueNames().isEmpty() ? "" : " (names: " + String.join(", ", f.valueNames().values()) + ")";
    }

    static Long parseLong(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseLong(s.substring(2), 16);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
