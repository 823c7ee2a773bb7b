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
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
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

    @Option(names = {"--duration"}, defaultValue = "0", paramLabel = "SECONDS", description = "Stop after this many seconds (0: until interrupted)") double duration;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Also write the packets to this pcap file") String write;

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
        boolean projected = q.stages().stream().anyMatch(s -> s instanceof Stage.Fields || s instanceof Stage.Count);
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
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop = true;
            try {
                main.join(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        PcapHandle handle = null;
        PcapDumper dumper = null;
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(iface);
            if (nif == null) {
                err.println("jdissect: no interface '" + iface + "'");
                return 1;
            }
            handle = nif.openLive(snaplen, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 100);
            if (filter != null) handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            if (write != null) dumper = handle.dumpOpen(write);
            int linkType = handle.getDlt().value();
            err.println("jdissect: capturing on " + iface + (filter == null ? "" : " (" + filter + ")") + ", link type " + linkType);
            err.flush();
            long end = duration > 0 ? System.nanoTime() + (long) (duration * 1e9) : Long.MAX_VALUE;
            long n = 0;
            while (!stop && (count == 0 || n < count) && System.nanoTime() < end) {
                byte[] bytes = handle.getNextRawPacket();
                if (bytes == null) continue;   // read timeout: look at the clock and the stop flag again
                java.sql.Timestamp ts = handle.getTimestamp();
                long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
                Integer orig = handle.getOriginalLength();
                if (dumper != null) dumper.dumpRaw(bytes, ts);
                n++;
                analysis.packet(nanos, linkType, bytes, orig == null ? bytes.length : orig);
                if (analysis.done()) break;
            }
            analysis.finish();
            w.close();
            return 0;
        } catch (PcapNativeException | NotOpenException e) {
            err.println("jdissect: live capture failed: " + e.getMessage() + " (capturing needs root or CAP_NET_RAW)");
            return 1;
        } catch (IOException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } finally {
            if (dumper != null) dumper.close();
            if (handle != null) handle.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
