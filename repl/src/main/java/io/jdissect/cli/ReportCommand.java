package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.query.QueryException;
import io.jdissect.report.Report;
import io.jdissect.report.ReportLimits;
import io.jdissect.report.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jdissect report FILE [-o report.html]}: the capture as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an HTML report of a capture: summary, conversations, sequence diagrams, chat timeline and transcript, "
                + "IO graph, anomalies. One self-contained file; it loads nothing from the network.")
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Capture to report on; in the REPL, where the loaded capture is reported on, the page to write (as -o)") Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "HTML", description = "Where to write the page (default: FILE's name with .report.html, in the current folder)")
    Path output;

    @Option(names = "--stream", paramLabel = "N", description = "Only conversation N (tcp.stream)") Long stream;

    @Option(names = {"-e", "--filter"}, paramLabel = "FILTER", description = "Only rows that pass this query filter, in every section (e.g. 'port == 7272')")
    String filter;

    @Option(names = "--limit", paramLabel = "ID=N", description = "A bound of what the page shows (repeatable): "
            + "diagrams, events, conversations, transcript, users, anomaly_frames, anomaly_kinds, buckets, text")
    List<String> limits = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReportLimits l = ReportLimits.DEFAULTS;
        for (String s : limits) {
            String[] kv = s.split("=", 2);
            try {
                l = l.with(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--limit takes ID=NUMBER, e.g. diagrams=10; got '" + s + "'");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--limit: " + e.getMessage());
            }
        }
        boolean inSession = common.session() != null;
        if (inSession && file != null && output == null) output = file;   // report [HTML] in the REPL
        Capture cap = common.open(inSession ? null : file, spec.commandLine());
        Path out = output != null ? output : Report.defaultFile(cap.path());
        Report report;
        try {
            report = Report.of(cap, new ReportOptions(stream, filter, l));
        } catch (QueryException e) {
            err.println(e.render());
            return 2;
        }
        try {
            report.write(out);
        } catch (IOException e) {
            err.println("jdissect: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        if (inSession) {
            spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + report.summary().packets() + " packets, "
                    + report.conversations().drawn().size() + " sequence diagrams)" + (report.damage() == null ? "" : "; warning: " + report.damage()));
            return 0;
        }
        spec.commandLine().getOut().println("wrote " + out + " (" + report.summary().packets() + " packets, "
                + report.conversations().drawn().size() + " sequence diagrams, " + report.chat().transcript().total() + " chat lines, "
                + report.summary().anomalies() + " anomalies)");
        if (report.damage() != null) {
            err.println("jdissect: " + report.damage());
            return 1;
        }
        return 0;
    }
}
