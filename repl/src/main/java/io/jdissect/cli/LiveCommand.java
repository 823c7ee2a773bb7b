package io.jdissect.cli;

import io.jdissect.api.Dissectors;
import io.jdissect.api.LiveAnalysis;
import io.jdissect.api.Settings;
import io.jdissect.output.OutputFormat;
import io.jdissect.api.Jdissect;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.query.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code jdissect live -i lo -f 'port 7272' -e 'chat'}: captures through libpcap (pcap4j) and prints the
 * query's rows as the packets arrive. pcap4j is used only for the capture; decoding is jdissect's own.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Capture live (libpcap through pcap4j; needs root or CAP_NET_RAW) and print a query's rows as they arrive.")
public final class LiveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-i", "--interface"}, defaultValue = "any", description = "Interface (default: ${DEFAULT-VALUE}, Linux's all interfaces, written as SLL2)")
    String iface;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "Capture filter, e.g. 'port 7272'")
    String filter;

    @Option(names = {"-e", "--expr"}, defaultValue = "websocket", paramLabel = "QUERY", description = "Query whose rows are printed (default: ${DEFAULT-VALUE})")
    String expr;

    @Option(names = {"--format"}, defaultValue = "table", description = "table or jsonl") OutputFormat format;

    @Option(names = {"-c", "--count"}, defaultValue = "0", description = "Stop after this many packets (0: no limit)") long count;

    @Option(names = {"--duration"}, defaultValue = "0", paramLabel = "SECONDS", description = "Stop after this many seconds, even when no packet comes (0: until interrupted)") double duration;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Also write the packets to this pcap file (flushed at least every 100 ms)") String write;

    @Option(names = {"-s", "--snaplen"}, defaultValue = "262144") int snaplen;

    @Mixin CommonOptions common;

    private volatile boolean stop;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = common.settings(spec.commandLine());
        Dissectors dissectors = Jdissect.dissectors(settings);
        Query q;
        try {
            q = Query.parse(expr, dissectors.fields(), dissectors.sources());
        } catch (QueryException e) {
            err.println(e.render());
            return 2;
        }
        boolean projected = q.projected();
        // a live table cannot align over rows still to come: each row is printed as it arrives, as jsonl or tab-separated
        RowWriter w = format == OutputFormat.jsonl ? format.writer(out, dissectors.fields(), q.columns(), projected)
                : new io.jdissect.output.TsvWriter(out, dissectors.fields(), q.columns());
        LiveAnalysis analysis = Jdissect.live(settings, q, row -> {
            try {
                w.write(row);
                out.flush();
            } catch (IOException e) {
                stop = true;
            }
        });
        PcapLive live;
        try {
            live = PcapLive.open(new PcapLive.Options(iface, filter, write == null ? null : java.nio.file.Path.of(write), snaplen, count, duration));
        } catch (PcapLive.LiveException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        }
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            live.stop();   // Ctrl-C: end the capture, then the rows of what was captured
            try {
                main.join(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (live) {
            err.println("jdissect: capturing on " + iface + (filter == null ? "" : " (" + filter + ")") + ", link type " + live.linkType());
            err.flush();
            live.run((nanos, linkType, bytes, orig) -> {
                analysis.packet(nanos, linkType, bytes, orig);
                if (analysis.done() || stop) live.stop();
            });
            analysis.finish();
            w.close();
            err.println("jdissect: " + live.stats());
            return 0;
        } catch (PcapLive.LiveException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
