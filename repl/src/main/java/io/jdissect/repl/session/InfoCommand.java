package io.jdissect.repl.session;

import io.jdissect.api.Capture;
import io.jdissect.capture.CaptureException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code info}: the loaded capture and how many rows each source has. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "The loaded capture: packets, flows and rows of each source.")
final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    InfoCommand(Session session) { this.session = session; }

    @Override
    public Integer call() { return print(session, spec.commandLine().getOut()); }

    static int print(Session session, PrintWriter out) {
        Capture c = session.capture();
        if (c.large()) {   // counting every source would mean a full read; the flows come from the index when there is one
            long[] flows = {-1};
            try {
                c.stream(c.parse("flows | count"), r -> flows[0] = r.number("count"));
            } catch (CaptureException e) {
                out.println("warning: " + e.getMessage());
            }
            long mb = 0;
            try {
                mb = java.nio.file.Files.size(c.path()) >> 20;
            } catch (IOException ignored) {
                // the size is only informative
            }
            out.println("capture " + c.path() + ": " + mb + " MiB, " + flows[0] + " TCP flows; a large capture is read again "
                    + "for each query (once indexed, only the conversations a query can match): SOURCE | count counts a source");
            return 0;
        }
        StringBuilder sb = new StringBuilder("capture " + c.path() + ": " + c.packets().size() + " packets, " + c.flows().size() + " TCP flows");
        for (String source : c.dissectors().sources().keySet()) {
            if (source.equals("packets") || source.equals("flows")) continue;
            sb.append(", ").append(c.query(source).size()).append(' ').append(source);
        }
        out.println(sb);
        if (c.error() != null) out.println("warning: " + c.error().getMessage());
        return 0;
    }
}
