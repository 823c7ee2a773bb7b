package io.jdissect.output;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Tab-separated rows written as they come (for live output, where a table cannot wait to align). */
public final class TsvWriter implements RowWriter {
    private final Writer out;
    private final FieldRegistry fields;
    private final List<String> columns;
    private boolean header;

    public TsvWriter(Writer out, FieldRegistry fields, List<String> columns) {
        this.out = out;
        this.fields = fields;
        this.columns = List.copyOf(columns);
    }

    @Override
    public void write(Row row) throws IOException {
        if (!header) {
            out.write(String.join("\t", columns) + "\n");
            header = true;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append('\t');
            sb.append(Values.text(fields, columns.get(i), row.get(columns.get(i))).replace('\t', ' ').replace('\n', ' '));
        }
        out.write(sb.append('\n').toString());
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
