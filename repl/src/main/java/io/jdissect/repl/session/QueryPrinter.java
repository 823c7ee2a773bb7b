package io.jdissect.repl.session;

import io.jdissect.api.Capture;
import io.jdissect.api.Result;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.FieldsWriter;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints one query's rows as the REPL shows them: at most display_rows, in the session's format and layout, then
 * the number of rows and any warning. A small capture is analysed once and queried in memory; a large one
 * ({@link Capture#large}) is read again per query, stopping after the rows shown.
 */
final class QueryPrinter {
    private final Session session;
    private final PrintWriter out;

    QueryPrinter(Session session, PrintWriter out) {
        this.session = session;
        this.out = out;
    }

    int print(String q, OutputFormat format) {
        try {
            return session.capture().large() ? stream(q, format) : inMemory(q, format);
        } catch (QueryException e) {
            out.println(e.render());
            return 2;
        }
    }

    private int inMemory(String q, OutputFormat format) {
        Capture capture = session.capture();
        Query query = capture.parse(q);
        Result r = capture.query(q);
        List<Row> rows = r.rows();
        long max = session.prefs().displayRows();
        long shown = Math.min(rows.size(), max);
        try (RowWriter wr = writer(query, format)) {
            for (int i = 0; i < shown; i++) wr.write(rows.get(i));
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
        if (rows.size() > shown) out.println("… " + (rows.size() - shown) + " more rows (add | limit N, or: set display_rows N)");
        out.println("(" + rows.size() + " rows)");
        if (capture.error() != null) out.println("warning: " + capture.error().getMessage() + " (rows before the damage are shown)");
        if (capture.droppedRows() > 0) out.println("warning: " + capture.droppedRows() + " rows over " + Capture.MAX_ROWS + " were not kept");
        return capture.error() != null ? 1 : 0;
    }

    /** Read again, stopping after the rows shown, so first rows come at once and nothing piles up in memory. */
    private int stream(String q, OutputFormat format) {
        Capture capture = session.capture();
        long max = session.prefs().displayRows();
        capture.parse(q);   // errors point into the query as typed
        Query query = capture.parse(q + " | limit " + (max + 1));
        long[] n = {0};
        String warning = null;
        RowWriter wr = writer(query, format);
        try {
            try {
                capture.stream(query, row -> {
                    if (n[0]++ < max) {
                        try {
                            wr.write(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (CaptureException e) {
                warning = e.getMessage();
            }
            wr.close();   // not after a cancel: a cancelled query shows nothing of its rows, not even their header
        } catch (IOException | UncheckedIOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
        if (n[0] > max) {
            out.println("… more rows (the first " + max + " are shown; add | count for how many, or: set display_rows N)");
        } else {
            out.println("(" + n[0] + " rows)");
        }
        if (warning != null) out.println("warning: " + warning + " (rows before the damage are shown)");
        return warning != null ? 1 : 0;
    }

    /** A writer in {@code format} for the query's columns; tables fit the terminal, or are laid out vertically. */
    private RowWriter writer(Query query, OutputFormat format) {
        var fields = session.capture().dissectors().fields();
        if (format == OutputFormat.table && session.prefs().vertical()) return new VerticalWriter(out, fields, query.columns(), session.width());
        return format.writer(out, fields, query, format == OutputFormat.table ? session.width() : 0, FieldsWriter.Options.DEFAULT);
    }
}
