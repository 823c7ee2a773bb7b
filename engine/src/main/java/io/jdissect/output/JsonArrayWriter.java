package io.jdissect.output;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

/** One JSON array of row objects (the objects {@link JsonlWriter} writes), for tools that read a whole document. */
public final class JsonArrayWriter implements RowWriter {
    private final Writer out;
    private final StringWriter one = new StringWriter();
    private final JsonlWriter row;
    private boolean first = true;

    /** @param only the fields to write, or null for every field of each row */
    public JsonArrayWriter(Writer out, FieldRegistry fields, List<String> only) {
        this.out = out;
        this.row = new JsonlWriter(one, fields, only);
    }

    @Override
    public void write(Row r) throws IOException {
        out.write(first ? "[\n  " : ",\n  ");
        first = false;
        one.getBuffer().setLength(0);
        row.write(r);
        out.write(one.getBuffer().toString().stripTrailing());
    }

    @Override
    public void close() throws IOException {
        out.write(first ? "[]\n" : "\n]\n");
        out.flush();
    }
}
