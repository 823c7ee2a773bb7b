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
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");
    private final Writer out;
    private final FieldRegistry fields;
    private final List<String> columns;
    private final int maxWidth;
    private final List<String[]> pending = new ArrayList<>();
    private boolean headerWritten;
    private int[] widths;
    /**
     * Columns whose every value in the first block is a number: right-aligned on a terminal (output to a pipe or a
     * file keeps every column left-aligned, as scripts read it).
     */
    private boolean[] numeric;
    private final int terminalWidth;
    private boolean cut;

    public TableWriter(Writer out, FieldRegistry fields, List<String> columns, int maxWidth) {
        this(out, fields, columns, maxWidth, 0);
    }

    /**
     * @param terminalWidth the terminal's columns: wider tables have their widest columns narrowed (cells cut
     *                      with …, and a note at the end says so); 0 when the output is not a terminal
     */
    public TableWriter(Writer out, FieldRegistry fields, List<String> columns, int maxWidth, int terminalWidth) {
        this.out = out;
        this.fields = fields;
        this.columns = List.copyOf(columns);
        this.maxWidth = maxWidth;
        this.terminalWidth = terminalWidth;
    }

    /** Narrows the widest columns until a line fits the terminal (no column below 6 characters, then 2). */
    private void fit() {
        if (terminalWidth <= 0) return;
        int floor = 6;
        while (true) {
            int total = 2 * (widths.length - 1);
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                total += widths[i];
                if (widths[i] > floor && (widest < 0 || widths[i] > widths[widest])) widest = i;
            }
            if (total <= terminalWidth) return;
            if (widest < 0) {
                if (floor == 2) return;   // as narrow as a table gets: the terminal wraps (layout vertical fits)
                floor = 2;
                continue;
            }
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
            numeric = new boolean[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = DisplayWidth.of(columns.get(i));
                numeric[i] = terminalWidth > 0 && !pending.isEmpty();
            }
            for (String[] r : pending) {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.max(widths[i], DisplayWidth.of(r[i]));
                    if (!r[i].isEmpty() && !NUMBER.matcher(r[i]).matches()) numeric[i] = false;
                }
            }
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
            if (terminalWidth > 0 && DisplayWidth.of(cells[i]) > widths[i]) {
                cells[i] = DisplayWidth.cut(cells[i], Math.max(1, widths[i] - 1)) + "…";
                cut = true;
            }
            String pad = " ".repeat(Math.max(0, widths[i] - DisplayWidth.of(cells[i])));
            if (numeric[i]) sb.append(pad).append(cells[i]);
            else sb.append(cells[i]).append(i < cells.length - 1 ? pad : "");
        }
        out.write(sb.toString().stripTrailing());
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (!pending.isEmpty() || !headerWritten) flushBlock();
        if (cut) out.write(terminalWidth >= 64 ? "(cut with … to fit " + terminalWidth + " columns; --format jsonl or \\G shows all)\n" : "(cut with …)\n");
        out.flush();
    }
}
