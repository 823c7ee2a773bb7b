package io.jdissect.output;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * tshark's {@code -T fields}: one line per row, the chosen fields' values separated by a tab, a field with several
 * values joined by a comma; numbers without value names, times as epoch-free ISO-8601.
 */
public final class FieldsWriter implements RowWriter {
    /**
     * tshark's {@code -E} options.
     *
     * @param header     a first line with the field names ({@code header=y})
     * @param separator  between fields ({@code separator=,}; default tab)
     * @param quote      0 none, or the quote character around each value ({@code quote=d|s|n})
     * @param occurrence which value of a field with several: 0 all, 1 the first, -1 the last ({@code occurrence=f|l|a})
     * @param aggregator between the values of one field ({@code aggregator=,})
     */
    public record Options(boolean header, String separator, char quote, int occurrence, String aggregator) {
        public static final Options DEFAULT = new Options(false, "\t", (char) 0, 0, ",");

        /** Applies one {@code -E key=value}; throws IllegalArgumentException on an unknown key or value. */
        public Options with(String option) {
            String[] kv = option.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("-E takes KEY=VALUE (header, separator, quote, occurrence, aggregator); got '" + option + "'");
            String v = kv[1];
            return switch (kv[0]) {
                case "header" -> new Options(yes(v), separator, quote, occurrence, aggregator);
                case "separator" -> new Options(header, v.equals("/t") ? "\t" : v.equals("/s") ? " " : v, quote, occurrence, aggregator);
                case "quote" -> new Options(header, separator, switch (v) {
                    case "d" -> '"';
                    case "s" -> '\'';
                    case "n" -> (char) 0;
                    default -> throw new IllegalArgumentException("-E quote takes d, s or n; got '" + v + "'");
                }, occurrence, aggregator);
                case "occurrence" -> new Options(header, separator, quote, switch (v) {
                    case "f" -> 1;
                    case "l" -> -1;
                    case "a" -> 0;
                    default -> throw new IllegalArgumentException("-E occurrence takes f, l or a; got '" + v + "'");
                }, aggregator);
                case "aggregator" -> new Options(header, separator, quote, occurrence, v.equals("/s") ? " " : v);
                default -> throw new IllegalArgumentException("unknown -E option '" + kv[0] + "' (header, separator, quote, occurrence, aggregator)");
            };
        }

        private static boolean yes(String v) {
            if (v.equals("y")) return true;
            if (v.equals("n")) return false;
            throw new IllegalArgumentException("-E header takes y or n; got '" + v + "'");
        }
    }

    private final Writer out;
    private final FieldRegistry fields;
    private final List<String> columns;
    private final Options opt;
    private boolean started;

    public FieldsWriter(Writer out, FieldRegistry fields, List<String> columns, Options opt) {
        this.out = out;
        this.fields = fields;
        this.columns = List.copyOf(columns);
        this.opt = opt;
    }

    @Override
    public void write(Row row) throws IOException {
        header();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(opt.separator());
            Object v = row.get(columns.get(i));
            if (v instanceof List<?> l && !l.isEmpty() && opt.occurrence() != 0) v = opt.occurrence() > 0 ? l.get(0) : l.get(l.size() - 1);
            String text;
            if (v instanceof List<?> l) {
                StringBuilder j = new StringBuilder();
                for (Object o : l) {
                    if (j.length() > 0) j.append(opt.aggregator());
                    j.append(one(columns.get(i), o));
                }
                text = j.toString();
            } else {
                text = one(columns.get(i), v);
            }
            sb.append(quoted(text));
        }
        out.write(sb.append('\n').toString());
    }

    private String one(String id, Object v) {
        if (v == null) return "";
        if (v instanceof Long || v instanceof Boolean) return v instanceof Boolean b ? (b ? "1" : "0") : v.toString().equals(Values.text(fields, id, v)) ? v.toString() : timeOr(id, v);
        return Values.text(fields, id, v).replace('\n', ' ');
    }

    private String timeOr(String id, Object v) {
        String t = Values.text(fields, id, v);
        return t.endsWith(")") ? v.toString() : t;   // a value name is dropped, as tshark prints the number
    }

    private String quoted(String s) {
        return opt.quote() == 0 || s.isEmpty() ? s : opt.quote() + s + opt.quote();
    }

    private void header() throws IOException {
        if (started) return;
        started = true;
        if (opt.header()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(opt.separator());
                sb.append(quoted(columns.get(i)));
            }
            out.write(sb.append('\n').toString());
        }
    }

    @Override
    public void close() throws IOException {
        header();
        out.flush();
    }
}
