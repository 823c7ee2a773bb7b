package io.jdissect.api;

import io.jdissect.field.FieldRegistry;
import io.jdissect.output.TableWriter;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Typed rows that print as a table: JShell shows a value by its {@code toString}, so
 * {@code table(cap.chatMessages().filter(m -> m.type().equals("say")))} shows the messages as {@code jdissect query}
 * would. The columns are the records' fields; at most {@link #SHOWN} rows are printed (all are kept in {@link #rows}).
 *
 * @param columns field ids, one per column
 * @param rows    the rows, in order
 */
public record Table(List<String> columns, List<TypedRow> rows) {
    /** Rows printed by {@link #toString}; the rest are counted. */
    public static final int SHOWN = 200;
    /** Characters of one cell before it is cut with … */
    public static final int CELL = 60;

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The rows of a stream (read to its end), as a table of their type's columns. */
    public static Table table(Stream<? extends TypedRow> rows) {
        return table(rows.toList());
    }

    public static Table table(Collection<? extends TypedRow> rows) {
        List<TypedRow> all = new ArrayList<>(rows);
        List<String> columns = all.isEmpty() ? List.of() : all.get(0).columns();
        for (TypedRow r : all) {
            if (!r.columns().equals(columns)) throw new IllegalArgumentException("a table holds one kind of row; got " + r.getClass().getSimpleName() + " after " + all.get(0).getClass().getSimpleName());
        }
        return new Table(columns, all);
    }

    public int size() { return rows.size(); }

    @Override
    public String toString() {
        FieldRegistry fields = Jdissect.dissectors().fields();
        StringWriter w = new StringWriter();
        try (TableWriter t = new TableWriter(w, fields, columns, CELL)) {
            for (int i = 0; i < Math.min(SHOWN, rows.size()); i++) {
                Row r = rows.get(i).row();
                t.write(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "(" + rows.size() + " rows" + (rows.size() > SHOWN ? ", the first " + SHOWN + " shown" : "") + ")";
    }
}
