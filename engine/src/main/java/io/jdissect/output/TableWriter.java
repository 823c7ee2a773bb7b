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
    private final int terminalWidth;
    private boolean cut;

    public TableWriter(Writer out, FieldRegistry fields, List<String> columns, int maxWidth) {
        this(out, fields, columns, maxWidth, 0);
    }

    /**
     * @param terminalWidth the terminal's columns: wider tables have their widest columns narrowed (values cut
     *                      with …, and a note at the end says so); 0 when the output is not a terminal
     */
    public TableWriter(Writer out, FieldRegistry fields, List<String> columns, int maxWidth, int terminalWidth) {
        this.out = out;
        this.fields = fields;
        this.columns = List.copyOf(columns);
        this.maxWidth = maxWidth;
        this.terminalWidth = terminalWidth;
    }

    /** Narrows the widest columns until a line fits the terminal (no column below 6 characters). */
    private void fit() {
        if (terminalWidth <= 0) return;
        while (true) {
            int total = 2 * (widths.length - 1);
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                total += widths[i];
                if (widths[i] > 6 && (widest < 0 || widths[i] > widths[widest])) widest = i;
            }
            if (total <= terminalWidth || widest < 0) return;
            widths[widest]--;
        }
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
            fit();
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
            if (terminalWidth > 0 && cells[i].length() > widths[i]) {
                cells[i] = cells[i].substring(0, Math.max(1, widths[i] - 1)) + "…";
                cut = true;
            }
            sb.append(cells[i]);
            if (i < cells.length - 1) sb.append(" ".repeat(Math.max(0, widths[i] - cells[i].length())));
        }
        out.write(sb.toString().stripTrailing());
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (!pending.isEmpty() || !headerWritten) flushBlock();
        if (cut) out.write("(values cut with … to fit " + terminalWidth + " columns; --format jsonl, or | fields with fewer columns, shows them whole)\n");
        out.flush();
    }
}
