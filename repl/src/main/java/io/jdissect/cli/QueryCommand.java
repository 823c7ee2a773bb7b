package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.query.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jdissect query FILE -e QUERY}: one query, rows streamed to standard output. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run one query over a capture and print the rows.")
public final class QueryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng, gzip-compressed), or - for standard input.")
    Path file;

    @Option(names = {"-e", "--expr"}, required = true, paramLabel = "QUERY",
            description = "The query, e.g. 'chat where chat.type == \"say\"'.")
    String expr;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Capture cap = common.open(file, spec.commandLine());
        Query q;
        try {
            q = cap.parse(expr);
        } catch (QueryException e) {
            err.println(e.render());
            return 2;
        }
        boolean projected = q.stages().stream().anyMatch(s -> s instanceof Stage.Fields || s instanceof Stage.Count);
        RowWriter w = format.writer(out, cap.dissectors().fields(), q.columns(), projected);
        long[] written = {0};
        try {
            cap.stream(q, row -> {
                try {
                    w.write(row);
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.close();
            return 0;
        } catch (CaptureException e) {
            try {
                // a file that could not be read at all prints no empty table, only the error
                if (written[0] > 0 || e.offset() > 0) w.close();
            } catch (IOException ignored) {
                // the capture error is the one to report
            }
            err.println("jdissect: " + e.getMessage());
            return 1;
        } catch (QueryException e) {
            err.println(e.render());   // a regular expression that ran out of steps on some value
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("jdissect: cannot write output: " + e.getMessage());
            return 1;
        }
    }
}
