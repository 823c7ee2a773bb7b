package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.api.MultiCapture;
import io.jdissect.spi.Row;
import java.util.function.Consumer;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.FieldsWriter;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jdissect query FILE -e QUERY}: one query, rows streamed to standard output. tshark's options work too:
 * {@code -r FILE}, {@code -Y FILTER} (packets where FILTER), {@code -c N}, {@code -T fields -e F -e G [-E ...]},
 * {@code -T json}, and {@code -w FILE} writes the packets of the rows instead of printing them.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run one query over a capture and print the rows (tshark's -r, -Y, -c, -T, -e, -E, -w work as in tshark).")
public final class QueryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Capture files (pcap, pcapng, gzip-compressed; globs like 'dir/*.pcap'), or - for standard input."
            + " Several are read as one, rows merged in time order, each with capture.file.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-r", "--read-file"}, paramLabel = "FILE", description = "The capture file, as tshark's -r.")
    Path readFile;

    @Option(names = {"-e", "--expr"}, paramLabel = "QUERY",
            description = "The query, e.g. 'chat where chat.type == \"say\"'. With -T, a field to print (repeatable), as tshark's -e.")
    List<String> expr = new ArrayList<>();

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER",
            description = "A tshark display filter: the query is 'packets where FILTER'.")
    String displayFilter;

    @Option(names = "-c", paramLabel = "N", description = "Only the first N packets, as tshark's -c.")
    Long packetCount;

    @Option(names = "-T", paramLabel = "fields|json|jsonl|text|tabs",
            description = "tshark's output format: fields (with -e), json (tshark's layout), jsonl, text (table), tabs (tsv).")
    String tsharkFormat;

    @Option(names = "-E", paramLabel = "KEY=VALUE", description = "-T fields options as tshark's: header=y, separator=, quote=d, occurrence=f, aggregator=;")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = {"-f", "--format"}, description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
    OutputFormat format;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE.pcap|FILE.pcapng",
            description = "Write the packets of the rows (their frames; a flows row, its whole conversation) to a capture file instead of printing.")
    Path write;

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // in the REPL the loaded capture is queried: words after "query" (no -e) are the query itself
        CaptureSession session = readFile == null && (files.isEmpty() || expr.isEmpty() && displayFilter == null) ? common.session() : null;
        if (session != null && !files.isEmpty()) {
            expr = new ArrayList<>(List.of(String.join(" ", files)));
            files = new ArrayList<>();
        }
        List<Path> paths;
        try {
            paths = CaptureFiles.expand(files);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (readFile != null) paths.add(readFile);
        if (paths.isEmpty() && session == null) return usage(err, "which capture? give FILE or -r FILE");
        Path capturePath = paths.isEmpty() ? null : paths.get(0);
        OutputFormat fmt = format;
        List<String> printFields = List.of();
        String queryText;
        if (tsharkFormat != null) {
            fmt = switch (tsharkFormat) {
                case "fields" -> OutputFormat.fields;
                case "json" -> OutputFormat.tshark_json;
                case "jsonl", "ek" -> OutputFormat.jsonl;
                case "text" -> OutputFormat.table;
                case "tabs" -> OutputFormat.tsv;
                default -> null;
            };
            if (fmt == null) return usage(err, "-T takes fields, json, jsonl, text or tabs; got '" + tsharkFormat + "'");
            if (format != null) return usage(err, "give -T or --format, not both");
            printFields = expr;
            if (fmt == OutputFormat.fields && printFields.isEmpty()) return usage(err, "-T fields needs at least one -e FIELD");
            queryText = "packets" + (displayFilter == null ? "" : " where " + displayFilter);
        } else {
            if (displayFilter != null && !expr.isEmpty()) return usage(err, "give -e QUERY or -Y FILTER, not both");
            if (expr.size() > 1) return usage(err, "one -e QUERY (several -e are fields, with -T fields)");
            if (displayFilter == null && expr.isEmpty()) return usage(err, "what to show? give -e QUERY or -Y FILTER");
            queryText = displayFilter != null ? "packets where " + displayFilter : expr.get(0);
        }
        if (fmt == null) fmt = OutputFormat.table;
        FieldsWriter.Options opt = FieldsWriter.Options.DEFAULT;
        try {
            for (String e : fieldOptions) opt = opt.with(e);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (packetCount != null) {
            if (packetCount < 1) return usage(err, "-c takes a number of packets of at least 1");
            queryText += " | where frame.number <= " + packetCount;
        }
        if (!printFields.isEmpty()) queryText += " | fields " + String.join(", ", printFields);
        if (session != null && write == null) return session.printQuery(queryText, format == null && tsharkFormat == null ? null : fmt, out);
        Capture cap = common.open(capturePath, spec.commandLine());
        List<Capture> caps = new ArrayList<>();
        caps.add(cap);
        for (Path p : paths.subList(Math.min(1, paths.size()), paths.size())) caps.add(common.open(p, spec.commandLine()));
        Query q;
        try {
            q = cap.parse(queryText);
        } catch (QueryException e) {
            err.println(e.render());
            return 2;
        }
        if (write != null) {
            if (caps.size() > 1) return usage(err, "--write reads one capture; give one FILE");
            return write(cap, q, err);
        }
        // a status line on standard error while the capture is read, when that is a terminal (never in a pipe or a file)
        ProgressLine progress = ProgressLine.stderrIsTerminal() ? new ProgressLine(err, () -> TerminalWidth.get() > 0 ? TerminalWidth.get() : 80, () -> false) : null;
        if (progress != null) for (Capture c : caps) c.watch(progress);
        RowWriter w = fmt.writer(out, cap.dissectors().fields(), q, fmt == OutputFormat.table ? (session != null ? session.width() : TerminalWidth.get()) : 0, opt);
        long[] written = {0};
        try {
            Consumer<Row> print = row -> {
                try {
                    if (written[0] == 0 && progress != null) progress.clear();
                    w.write(row);
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            try {
                if (caps.size() == 1) cap.stream(q, print); else MultiCapture.stream(caps, q, print);
            } finally {
                if (progress != null) progress.clear();
            }
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

    private int write(Capture cap, Query q, PrintWriter err) {
        try {
            long n = io.jdissect.api.PacketExport.write(cap, q, write);
            err.println("jdissect: " + n + " packets written to " + write);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("jdissect: --write: " + e.getMessage());
            return 2;
        } catch (CaptureException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jdissect: cannot write " + write + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("jdissect: " + message);
        return 2;
    }
}
