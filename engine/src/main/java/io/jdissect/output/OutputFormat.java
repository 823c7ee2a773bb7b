package io.jdissect.output;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.query.Query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The output formats of queries: table, jsonl, json (an array), csv, tsv, fields (tshark's -T fields), tshark-json (-T json). */
public enum OutputFormat {
    table, jsonl, json, csv, tsv, fields, tshark_json;

    public RowWriter writer(Writer out, FieldRegistry fields, List<String> columns, boolean projected) {
        return writer(out, fields, columns, projected, 0, FieldsWriter.Options.DEFAULT);
    }

    /** A writer for {@code q}'s rows; aggregate and renamed columns are typed by the query's own declarations. */
    public RowWriter writer(Writer out, FieldRegistry registry, Query q, int terminalWidth, FieldsWriter.Options opt) {
        FieldRegistry types = registry;
        if (q.projected()) {
            types = new FieldRegistry();
            List<FieldDef<?>> defs = new ArrayList<>(q.columnDefs().values());
            types.register("query", q.columns(), defs);
        }
        return writer(out, types, q.columns(), q.projected(), terminalWidth, opt);
    }

    private RowWriter writer(Writer out, FieldRegistry fields, List<String> columns, boolean projected, int terminalWidth, FieldsWriter.Options opt) {
        try {
            return switch (this) {
                case table -> new TableWriter(out, fields, columns, 80, terminalWidth);
                case jsonl -> new JsonlWriter(out, fields, projected ? columns : null);
                case json -> new JsonArrayWriter(out, fields, projected ? columns : null);
                case csv -> new CsvWriter(out, fields, columns);
                case tsv -> new TsvWriter(out, fields, columns);
                case fields -> new FieldsWriter(out, fields, columns, opt);
                case tshark_json -> new TsharkJsonWriter(out, fields, projected ? columns : null);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
