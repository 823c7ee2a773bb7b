package io.jdissect.repl.session;

import io.jdissect.field.FieldRegistry;
import io.jdissect.output.RowWriter;
import io.jdissect.output.Values;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Rows one field per line, as MySQL's {@code \G}: for rows too wide for a table. Long values wrap under their
 * value column rather than past the terminal's edge.
 */
final class VerticalWriter implements RowWriter {
    private final PrintWriter out;
    private final FieldRegistry fields;
    private final List<String> columns;
    private final int width;
    private final int nameWidth;
    private long n;

    VerticalWriter(PrintWriter out, FieldRegistry fields, List<String> columns, int width) {
        this.out = out;
        this.fields = fields;
        this.columns = List.copyOf(columns);
        this.width = width;
        this.nameWidth = columns.stream().mapToInt(String::length).max().orElse(0);
    }

    @Override
    public void write(Row row) throws IOException {
        out.println("*************** row " + ++n + " ***************");
        for (String c : columns) {
            String v = Values.text(fields, c, row.get(c)).replace('\n', ' ').replace('\r', ' ');
            String pad = " ".repeat(nameWidth - c.length());
            int room = width > 0 ? Math.max(10, width - nameWidth - 2) : Integer.MAX_VALUE;
            out.print(pad + c + ": ");
            for (int i = 0; i < v.length() || i == 0; i += room) {
                if (i > 0) out.print(" ".repeat(nameWidth + 2));
                out.println(v.substring(i, Math.min(v.length(), i + room)));
                if (v.isEmpty()) break;
            }
        }
    }

    @Override
    public void close() { out.flush(); }
}
