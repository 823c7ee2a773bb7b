package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jdissect stats FILE KIND}: tshark's {@code -z} tables, each a query of the language (printed above its
 * table, so it can be changed and run with {@code query}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Statistics as tshark's -z: phs (protocol hierarchy by frame, then by conversation), conv (conversations), io [INTERVAL] (packets and bytes per interval), http, websocket.")
public final class StatsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** The kinds, for completion and messages. */
    public static final List<String> KINDS = List.of("phs", "conv", "io", "http", "websocket");

    @Parameters(arity = "1..3", paramLabel = "FILE KIND [INTERVAL]",
            description = {"The capture (in the REPL: left out, the loaded one), then phs, conv, io, http or websocket,",
                    "then for io the interval, e.g. 1s, 100ms, 1m (default 1s)"})
    List<String> words;

    @Mixin CommonOptions common;

    /** The queries of each kind, titled. */
    public static Map<String, String> queries(String kind, String interval) {
        Map<String, String> q = new LinkedHashMap<>();
        switch (kind) {
            case "phs" -> {
                q.put("protocol hierarchy, by frame as tshark -z io,phs", io.jdissect.output.ProtocolHierarchy.QUERY);
                q.put("protocols by conversation", "flows | count as conversations, sum(flow.packets) as packets, sum(flow.bytes) as bytes by flow.protocols | sort flow.protocols");
            }
            case "conv" -> q.put("TCP conversations", "flows | fields tcp.stream, flow.client, flow.server, flow.c2s_packets, flow.c2s_bytes, flow.s2c_packets, flow.s2c_bytes, flow.start, flow.duration");
            case "io" -> q.put("packets and bytes per " + interval, "packets | count as frames, sum(frame.len) as bytes by bin(frame.time, " + interval + ")");
            case "http" -> {
                q.put("HTTP requests by method", "http where http.request | count by http.request.method");
                q.put("HTTP responses by code", "http where http.response | count by http.response.code, http.response.phrase");
            }
            case "websocket" -> q.put("WebSocket frames by opcode and direction", "websocket | count by websocket.opcode, websocket.direction | sort websocket.opcode, websocket.direction");
            default -> throw new IllegalArgumentException("unknown statistics '" + kind + "'"
                    + io.jdissect.query.Suggest.didYouMean(kind, List.of("phs", "conv", "io", "http", "websocket")) + "; kinds are phs, conv, io, http, websocket");
        }
        return q;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        // stats FILE KIND on the command line; stats KIND in the REPL
        boolean inSession = common.session() != null && KINDS.contains(words.get(0).toLowerCase(java.util.Locale.ROOT));
        Path file = inSession ? null : Path.of(words.get(0));
        List<String> rest = words.subList(inSession ? 0 : 1, words.size());
        if (rest.isEmpty()) {
            err.println("jdissect: which statistics? " + String.join(", ", KINDS));
            return 2;
        }
        String kind = rest.get(0).toLowerCase(java.util.Locale.ROOT);
        String interval = rest.size() > 1 ? rest.get(1) : "1s";
        Map<String, String> qs;
        try {
            qs = queries(kind, interval);
        } catch (IllegalArgumentException e) {
            err.println("jdissect: " + e.getMessage());
            return 2;
        }
        Capture cap = common.open(file, spec.commandLine());
        return print(cap, qs, out, err, common.session() != null ? common.session().width() : TerminalWidth.get());
    }

    /** Runs and prints each query; the status a command returns. */
    public static int print(Capture cap, Map<String, String> qs, PrintWriter out, PrintWriter err, int width) {
        for (Map.Entry<String, String> e : qs.entrySet()) {
            out.println("== " + e.getKey() + "   (" + e.getValue() + ")");
            try {
                Query q = cap.parse(e.getValue());
                if (e.getValue().equals(io.jdissect.output.ProtocolHierarchy.QUERY)) {
                    io.jdissect.output.ProtocolHierarchy phs = new io.jdissect.output.ProtocolHierarchy();
                    cap.stream(q, phs::add);
                    phs.print(out);
                    continue;
                }
                try (RowWriter w = OutputFormat.table.writer(out, cap.dissectors().fields(), q, width,
                        io.jdissect.output.FieldsWriter.Options.DEFAULT)) {
                    cap.stream(q, r -> {
                        try {
                            w.write(r);
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    });
                }
            } catch (QueryException x) {
                err.println(x.render());
                return 2;
            } catch (CaptureException x) {
                err.println("jdissect: " + x.getMessage());
                return 1;
            } catch (IOException | UncheckedIOException x) {
                err.println("jdissect: cannot write output: " + x.getMessage());
                return 1;
            }
        }
        out.flush();
        return 0;
    }
}
