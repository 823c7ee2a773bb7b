package io.jdissect.repl.session;

import io.jdissect.api.Jdissect;
import io.jdissect.api.LiveAnalysis;
import io.jdissect.output.RowWriter;
import io.jdissect.output.TsvWriter;
import io.jdissect.query.Query;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * {@code watch QUERY}: the query's new rows as packets arrive, until Ctrl-C (or the capture ends). Its analysis first
 * reads what was captured so far (so a conversation that began earlier is understood) and prints only rows of the
 * packets that come after; rows are tab-separated, as a table cannot be aligned over rows still to come.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Print a query's new rows as live packets arrive, until Ctrl-C (live start first).")
final class WatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", paramLabel = "QUERY") String query;

    WatchCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LiveState st = session.live();
        if (st == null || !st.running()) {
            spec.commandLine().getErr().println("error: no live capture running (live start)");
            return 2;
        }
        var dissectors = Jdissect.dissectors(session.settings());
        Query q = Query.parse(query, dissectors.fields(), dissectors.sources());
        RowWriter w = new TsvWriter(out, dissectors.fields(), q.columns());
        boolean[] replaying = {true};
        LiveAnalysis analysis = Jdissect.live(session.settings(), q, row -> {
            if (replaying[0]) return;
            try {
                w.write(row);
                out.flush();
            } catch (IOException e) {
                session.cancel();
            }
        });
        long[] before = {0};
        String[] problem = {null};
        st.pcap().paused(() -> {
            problem[0] = replay(st, analysis);
            before[0] = analysis.packets();
            replaying[0] = false;
            st.watchers().add(analysis);
        });
        if (problem[0] != null) spec.commandLine().getErr().println("warning: " + problem[0]);
        out.println("watching " + query + " (" + before[0] + " packets so far; Ctrl-C stops)");
        out.flush();
        try {
            while (!session.cancelled() && st.running()) Thread.sleep(50);
        } finally {
            st.watchers().remove(analysis);
            analysis.finish();
            w.close();
        }
        session.resetCancel();   // Ctrl-C ends a watch: that is no cancelled command
        return 0;
    }

    /** Feeds the packets already in the capture file to {@code analysis}; a problem, or null. */
    private static String replay(LiveState st, LiveAnalysis analysis) {
        PcapHandle h = null;
        try {
            h = Pcaps.openOffline(st.file().toString());
            while (true) {
                byte[] b;
                try {
                    b = h.getNextRawPacketEx();
                } catch (EOFException e) {
                    return null;
                } catch (TimeoutException e) {
                    continue;
                }
                java.sql.Timestamp ts = h.getTimestamp();
                Integer orig = h.getOriginalLength();
                analysis.packet(ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos(), h.getDlt().value(), b, orig == null ? b.length : orig);
            }
        } catch (PcapNativeException | NotOpenException e) {
            return "cannot read what was captured so far: " + e.getMessage();
        } finally {
            if (h != null) h.close();
        }
    }
}
