package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.output.OutputFormat;

import java.io.PrintWriter;

/**
 * What a command sees of the REPL it runs in: the loaded capture, and how the REPL shows a query's rows. The same
 * command classes run on the command line (no session: they open the FILE they are given) and in the REPL (the
 * FILE is left out and the session's capture is used), so each command, option and help text is declared once.
 */
public interface CaptureSession {
    /** The capture loaded in the REPL. */
    Capture capture();

    /**
     * Runs {@code query} over the loaded capture and prints its rows as the REPL shows them (at most display_rows,
     * the table fitted to the terminal or laid out vertically, a row count and any warning after them).
     *
     * @param format the format asked for on this line, or null for the session's
     * @return the status a command returns (0, 1 damaged capture, 2 query error)
     */
    int printQuery(String query, OutputFormat format, PrintWriter out);

    /** The terminal's width for fitted tables (0: do not fit). */
    int width();
}
