package io.jdissect.output;

import io.jdissect.field.FieldRegistry;

import java.io.Writer;
import java.util.List;

/** The output formats of one-shot queries. */
public enum OutputFormat {
    table, jsonl;

    public RowWriter writer(Writer out, FieldRegistry fields, List<String> columns, boolean projected) {
        return switch (this) {
            case table -> new TableWriter(out, fields, columns, 80);
            case jsonl -> new JsonlWriter(out, fields, projected ? columns : null);
        };
    }
}
