package io.jdissect.output;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table. Rows are buffered in blocks so the columns line up; long values are cut to
 * {@code maxWidth} characters with an ellipsis (use jsonl for whole values).
 */
public final class TableWriter implements RowWriter {
    private static final int BLOCK = 500;
    private final Writer out;
    private final FieldRegistry fields;
    private final List<String> columns;
    private final int maxWidth;
    private final List<String[]> pending = new ArrayList<>();
    private boolean headerWritten;
    private int[] widths;

    public TableWriter(Writer out, FieldRegistry fields, List<String> columns, int maxWidth) {
        this.out = out;
        this.fields = fields;
        this.columns = List.copyOf(columns);
        this.maxWidth = maxWidth;
    }

    @Override
    public void write(Row row) throws IOException {
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) cells[i] = cell(Values.text(fields, columns.get(i), row.get(columns.get(i))));
        pending.add(cells);
        if (pending.size() >= BLOCK) flushBlock();
    }

    private String cell(String s) {
        s = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return s.length() > maxWidth ? s.substring(0, Math.max(1, maxWidth - 1)) + "…" : s;
    }

    private void flushBlock() throws IOException {
        if (widths == null) {
            widths = new int[columns.size()];
            for (int i = 0; i < widths.length; i++) widths[i] = columns.get(i).length();
            for (String[] r : pending) for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length());
        }
        if (!headerWritten) {
            line(columns.toArray(String[]::new));
            headerWritten = true;
        }
        for (String[] r : pending) line(r);
        pending.clear();
    }

    private void line(String[] cells) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append("  ");
            sb.append(cells[i]);
            if (i < cells.length - 1) sb.append(" ".repeat(Math.max(0, widths[i] - cells[i].length())));
        }
        out.write(sb.toString().stripTrailing());
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (!pending.isEmpty() || !headerWritten) flushBlock();
        out.flush();
    }
}
