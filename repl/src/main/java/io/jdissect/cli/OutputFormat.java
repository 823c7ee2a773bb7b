package io.jdissect.cli;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.output.CsvWriter;
import io.jdissect.output.FieldsWriter;
import io.jdissect.output.JsonArrayWriter;
import io.jdissect.output.JsonlWriter;
import io.jdissect.output.RowWriter;
import io.jdissect.output.TableWriter;
import io.jdissect.output.TsharkJsonWriter;
import io.jdissect.output.TsvWriter;
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
            List<FieldDef> defs = new ArrayList<>(q.columnDefs().values());
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

    /** The terminal's width when standard output is one, else 0 (no fitting: pipes get whole values). */
    public static int terminalWidth() {
        java.io.Console c = System.console();
        if (c == null) return 0;
        try {
            // Java 22+ gives a console to redirected output too; isTerminal (22+) tells them apart
            if (!(Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c)) return 0;
        } catch (ReflectiveOperationException e) {
            // Java 21: a console is a terminal
        }
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d+")) return Integer.parseInt(env);
        try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder().system(true).dumb(true).build()) {
            return t.getWidth() > 0 ? t.getWidth() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
