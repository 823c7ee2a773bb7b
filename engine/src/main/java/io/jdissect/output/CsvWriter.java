package io.jdissect.output;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 CSV with a header line; quoting by Jackson's CSV module. Values as the table shows them. */
public final class CsvWriter implements RowWriter {
    private final FieldRegistry fields;
    private final List<String> columns;
    private final CsvGenerator g;

    public CsvWriter(Writer out, FieldRegistry fields, List<String> columns) throws IOException {
        this.fields = fields;
        this.columns = List.copyOf(columns);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        for (String c : columns) schema.addColumn(c);
        this.g = new CsvFactory().createGenerator(out);
        g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);   // quote only values that need it (RFC 4180)
        g.setSchema(schema.build());
    }

    @Override
    public void write(Row row) throws IOException {
        g.writeStartArray();
        for (String c : columns) g.writeString(Values.text(fields, c, row.get(c)));
        g.writeEndArray();
    }

    @Override
    public void close() throws IOException {
        if (columns.isEmpty()) return;
        g.flush();
        g.close();
    }
}
