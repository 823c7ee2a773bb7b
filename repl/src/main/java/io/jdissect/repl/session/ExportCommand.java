package io.jdissect.repl.session;

import io.jdissect.api.Capture;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code export pcap|pcapng FILE [QUERY | where FILTER]}: the packets of the rows (default: every packet);
 * {@code export jsonl|json|csv|tsv FILE QUERY}: the rows themselves (every row, not only display_rows).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"export pcap|pcapng FILE [QUERY | where FILTER]: the packets of a query's rows as a capture;",
                "export jsonl|json|csv|tsv FILE QUERY: the rows themselves."})
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", paramLabel = "KIND", description = "pcap, pcapng, jsonl, json, csv or tsv") String kind;

    @Parameters(index = "1", paramLabel = "FILE") Path file;

    @Parameters(index = "2", arity = "0..1", paramLabel = "QUERY") String query = "";

    ExportCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws CaptureException, IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Capture capture = session.capture();
        String k = kind.toLowerCase(Locale.ROOT);
        String rest = query.strip();
        if (rest.toLowerCase(Locale.ROOT).startsWith("where ")) rest = "packets " + rest;
        if (k.equals("pcap") || k.equals("pcapng")) {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + k)) {
                err.println("error: name the file FILE." + k);
                return 2;
            }
            long n = capture.writePackets(rest.isEmpty() ? "packets" : rest, file);
            out.println(n + " packets written to " + file);
            return 0;
        }
        OutputFormat f;
        try {
            f = OutputFormat.valueOf(k);
        } catch (IllegalArgumentException e) {
            err.println("error: export takes pcap, pcapng, jsonl, json, csv or tsv, not '" + kind + "'");
            return 2;
        }
        if (rest.isEmpty()) {
            err.println("error: which rows? export " + k + " FILE QUERY");
            return 2;
        }
        Query q = capture.parse(rest);
        long[] n = {0};
        try (java.io.Writer fw = Files.newBufferedWriter(file);
             RowWriter wr = f.writer(fw, capture.dissectors().fields(), q, 0, io.jdissect.output.FieldsWriter.Options.DEFAULT)) {
            capture.stream(q, (Row r) -> {
                try {
                    wr.write(r);
                    n[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        out.println(n[0] + " rows written to " + file);
        return 0;
    }
}
