package io.jdissect.api;

import io.jdissect.field.FieldRegistry;
import io.jdissect.output.TableWriter;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/** The rows a query returned, with the columns a table shows; prints as a table (handy in JShell). */
public record Result(List<String> columns, List<Row> rows, FieldRegistry fields) implements Iterable<Row> {
    public Result {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public int size() { return rows.size(); }

    public Row get(int i) { return rows.get(i); }

    /** One field of every row, in order. */
    public List<Object> column(String fieldId) {
        return rows.stream().map(r -> r.get(fieldId)).toList();
    }

    @Override
    public Iterator<Row> iterator() { return rows.iterator(); }

    @Override
    public String toString() {
        StringWriter w = new StringWriter();
        try (TableWriter t = new TableWriter(w, fields, columns, 60)) {
            for (Row r : rows) t.write(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "(" + rows.size() + " rows)";
    }
}
