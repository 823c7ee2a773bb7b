package io.jdissect.repl;

import io.jdissect.spi.Transcript;
import io.jdissect.spi.StreamTap;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.ByteText;
import io.jdissect.api.Settings;
import io.jdissect.cli.FieldsCommand;
import io.jdissect.cli.TerminalWidth;
import io.jdissect.api.Frame;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.Result;
import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.RowWriter;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What each REPL line does: a query when it starts with a source name, otherwise one of these commands. */
final class ReplCommands {
    static final List<String> NAMES = List.of("help", "follow", "report", "hex", "fields", "sources", "open", "decode", "set",
            "format", "export", "stats", "show", "info", "quit", "exit");

    private final PrintWriter out;
    private Capture capture;
    private Settings config;
    private String format = "table";
    private long displayRows = 200;

    ReplCommands(Path file, Settings config, PrintWriter out) {
        this.out = out;
        this.config = config;
        this.capture = Jdissect.open(file, config);
    }

    Capture capture() { return capture; }

    /** Runs one line; returns false when the user asked to leave. */
    boolean run(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) return true;
        String[] w = trimmed.split("\\s+");
        String cmd = w[0].toLowerCase(Locale.ROOT);
        if (capture.dissectors().sources().containsKey(cmd)) {
            query(trimmed);
            return true;
        }
        switch (cmd) {
            case "quit", "exit" -> { return false; }
            case "help", "?" -> help();
            case "follow" -> follow(w);
            case "report" -> report(w);
            case "hex" -> hex(w);
            case "fields" -> { if (!FieldsCommand.print(out, w.length > 1 ? w[1] : "")) out.println(FieldsCommand.noSuch(w[1]).replace("jdissect: ", "error: ")); }
            case "sources" -> capture.dissectors().sources().values().forEach(s -> out.printf("  %-12s %s%n", s.name(), s.description()));
            case "open" -> open(w);
            case "decode" -> decode(w);
            case "set" -> set(w);
            case "format" -> format(w);
            case "export" -> export(trimmed);
            case "show" -> {
                Long n = w.length == 2 && w[1].matches("\\d{1,18}") ? Long.parseLong(w[1]) : null;
                if (n == null) out.println("usage: show FRAME"); else io.jdissect.cli.ShowCommand.print(capture, n, out, out);
            }
            case "stats" -> {
                if (w.length < 2) {
                    out.println("usage: stats phs|conv|io [INTERVAL]|http|websocket");
                } else {
                    try {
                        io.jdissect.cli.StatsCommand.print(capture, io.jdissect.cli.StatsCommand.queries(w[1].toLowerCase(Locale.ROOT),
                                w.length > 2 ? w[2] : "1s"), out, out);
                    } catch (IllegalArgumentException e) {
                        out.println("error: " + e.getMessage());
                    }
                }
            }
            case "info" -> info();
            default -> {
                if (looksLikeFilter(w[0])) {
                    query("packets where " + trimmed);   // a bare display filter, as in Wireshark's filter bar
                } else {
                    List<String> names = new ArrayList<>(NAMES);
                    names.addAll(capture.dissectors().sources().keySet());
                    out.println("unknown command '" + w[0] + "'" + io.jdissect.query.Suggest.didYouMean(cmd, names)
                            + "; a query starts with a source (" + String.join(", ", capture.dissectors().sources().keySet())
                            + ") or is a display filter (tcp.port == 7272); type help");
                }
            }
        }
        out.flush();
        return true;
    }

    /** Whether a line that is no command starts like a display filter: a field, a protocol, "(" or "!". */
    private boolean looksLikeFilter(String first) {
        String f = first.toLowerCase(Locale.ROOT);
        if (f.startsWith("(") || f.startsWith("!")) return true;
        String head = f.split("[=!<>~\\[(]", 2)[0];
        if (capture.dissectors().fields().find(head) != null) return true;
        String proto = head.split("\\.", 2)[0];
        return capture.dissectors().fields().all().stream().anyMatch(d -> d.protocol().equals(proto));
    }

    private void query(String q) {
        if (capture.large()) {
            streamQuery(q);
            return;
        }
        Result r;
        try {
            r = capture.query(q);
        } catch (QueryException e) {
            out.println(e.render());
            return;
        }
        List<Row> rows = r.rows();
        long shown = Math.min(rows.size(), displayRows);
        try (RowWriter wr = writer(capture.parse(q))) {
            for (int i = 0; i < shown; i++) wr.write(rows.get(i));
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
        }
        if (rows.size() > shown) out.println("… " + (rows.size() - shown) + " more rows (add | limit N, or: set display_rows N)");
        out.println("(" + rows.size() + " rows)");
        if (capture.error() != null) out.println("warning: " + capture.error().getMessage() + " (rows before the damage are shown)");
        if (capture.droppedRows() > 0) out.println("warning: " + capture.droppedRows() + " rows over " + Capture.MAX_ROWS + " were not kept");
        out.flush();
    }

    /** A writer in the current format for the query's columns (marked as projected when they are not the source's own). */
    private RowWriter writer(Query query) {
        OutputFormat f = OutputFormat.valueOf(format);
        return f.writer(out, capture.dissectors().fields(), query, f == OutputFormat.table ? TerminalWidth.get() : 0,
                io.jdissect.output.FieldsWriter.Options.DEFAULT);
    }

    /**
     * A query on a large capture: read again (only the conversations it can match, once the capture is indexed),
     * stopping after the rows shown, so first rows come at once and nothing piles up in memory.
     */
    private void streamQuery(String q) {
        Query query;
        try {
            query = capture.parse(q + " | limit " + (displayRows + 1));
        } catch (QueryException e) {
            out.println(e.render());
            return;
        }
        long[] n = {0};
        String warning = null;
        try (RowWriter wr = writer(query)) {
            try {
                capture.stream(query, row -> {
                    if (n[0]++ < displayRows) {
                        try {
                            wr.write(row);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
            } catch (CaptureException e) {
                warning = e.getMessage();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            out.println("error: " + e.getMessage());
        } catch (QueryException e) {
            out.println(e.render());
            return;
        }
        if (n[0] > displayRows) {
            out.println("… more rows (the first " + displayRows + " are shown; add | count for how many, or: set display_rows N)");
        } else {
            out.println("(" + n[0] + " rows)");
        }
        if (warning != null) out.println("warning: " + warning + " (rows before the damage are shown)");
        out.flush();
    }

    private void follow(String[] w) {
        if (w.length >= 2 && w[1].equalsIgnoreCase("chat")) {
            followChat(w);
            return;
        }
        if (w.length < 2) { out.println("usage: follow STREAM [c2s|s2c] [hex]   or   follow chat [STREAM]"); return; }
        long stream;
        try {
            stream = Long.parseLong(w[1]);
        } catch (NumberFormatException e) {
            out.println("follow takes a tcp.stream number, not '" + w[1] + "'");
            return;
        }
        Direction dir = null;
        boolean hex = false;
        for (int i = 2; i < w.length; i++) {
            switch (w[i].toLowerCase(Locale.ROOT)) {
                case "c2s" -> dir = Direction.C2S;
                case "s2c" -> dir = Direction.S2C;
                case "hex" -> hex = true;
                default -> { out.println("follow: unknown option '" + w[i] + "' (c2s, s2c, hex)"); return; }
            }
        }
        boolean asHex = hex;
        Direction[] last = {null};
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        try {
            capture.follow(stream, dir, new StreamTap() {
                @Override public void data(long s, Direction d, long frame, ByteView bytes) {
                    if (last[0] != d) {
                        flushChunk(chunk, last[0], asHex);
                        last[0] = d;
                    }
                    chunk.writeBytes(bytes.copyBytes());
                }

                @Override public void gap(long s, Direction d, long frame, long length) {
                    flushChunk(chunk, last[0], asHex);
                    out.println("[gap: " + length + " bytes of " + d.label() + " not captured, at frame " + frame + "]");
                }
            });
            flushChunk(chunk, last[0], asHex);
        } catch (CaptureException e) {
            flushChunk(chunk, last[0], asHex);
            out.println("warning: " + e.getMessage());
        }
    }

    /** report [FILE]: the capture as an HTML page (default: named after the capture, in the current folder). */
    private void report(String[] w) {
        Path file = w.length > 1 ? Path.of(w[1]) : io.jdissect.report.Report.defaultFile(capture.path());
        try {
            io.jdissect.report.Report r = io.jdissect.report.Report.of(capture, io.jdissect.report.ReportOptions.ALL);
            r.write(file);
            out.println("wrote " + file.toAbsolutePath() + " (" + r.summary().packets() + " packets, " + r.conversations().drawn().size()
                    + " sequence diagrams)" + (r.damage() == null ? "" : "; warning: " + r.damage()));
        } catch (IOException e) {
            out.println("report: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** follow chat [STREAM]: the room's conversation (as STREAM's user saw it), each say once with all its frames. */
    private void followChat(String[] w) {
        Transcript chat = capture.dissectors().transcript("chat");
        if (chat == null) {
            out.println("no loaded dissector reads conversations as a chat transcript");
            return;
        }
        Long stream = null;
        if (w.length > 2) {
            try {
                stream = Long.parseLong(w[2]);
            } catch (NumberFormatException e) {
                out.println("follow chat takes a tcp.stream number, not '" + w[2] + "'");
                return;
            }
        }
        List<Row> rows;
        if (capture.large()) {   // not every row of a large capture: a transcript shows 200 lines anyway
            rows = new ArrayList<>();
            try {
                capture.stream(capture.parse(chat.source() + " | limit 20000"), rows::add);
            } catch (CaptureException e) {
                out.println("warning: " + e.getMessage());
            }
        } else {
            rows = capture.query(chat.source()).rows();
        }
        chat.print(rows, stream, out, 200);
    }

    private void flushChunk(ByteArrayOutputStream chunk, Direction d, boolean hex) {
        if (chunk.size() == 0) return;
        ByteView b = ByteView.of(chunk.toByteArray());
        out.println("── " + d.label() + " (" + b.length() + " bytes) ──");
        out.print(hex ? ByteText.hex(b) : ByteText.printable(b));
        out.println();
        chunk.reset();
    }

    private void hex(String[] w) {
        if (w.length < 2) { out.println("usage: hex FRAME"); return; }
        long n;
        try {
            n = Long.parseLong(w[1]);
        } catch (NumberFormatException e) {
            out.println("hex takes a frame number, not '" + w[1] + "'");
            return;
        }
        try {
            Frame p = capture.frame(n);
            if (p == null) {
                out.println("no frame " + n + " (the capture has " + Math.max(0, n - 1) + " or fewer)");
                return;
            }
            out.println("frame " + n + ": " + p.data().length() + " of " + p.originalLength() + " bytes captured, link type " + p.linkType());
            out.print(ByteText.hex(p.data()));
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
        }
    }

    private void open(String[] w) {
        if (w.length < 2) { out.println("usage: open FILE"); return; }
        capture = Jdissect.open(Path.of(w[1]), config);
        info();
    }

    private void decode(String[] w) {
        // decode port 8080 as websocket
        if (w.length != 5 || !w[1].equalsIgnoreCase("port") || !w[3].equalsIgnoreCase("as")) {
            out.println("usage: decode port PORT as PROTO   (PROTO: " + String.join(", ", capture.dissectors().decodeAsNames()) + ")");
            return;
        }
        String proto = w[4].toLowerCase(Locale.ROOT);
        if (!capture.dissectors().decodeAsNames().contains(proto)) {
            out.println("no dissector '" + w[4] + "' to decode as; choose one of " + String.join(", ", capture.dissectors().decodeAsNames()));
            return;
        }
        try {
            config = config.withDecodeAs(Integer.parseInt(w[2]), proto);
        } catch (NumberFormatException e) {
            out.println("not a port: '" + w[2] + "'");
            return;
        }
        capture = Jdissect.open(capture.path(), config);
        out.println("port " + w[2] + " is decoded as " + proto);
    }

    private void set(String[] w) {
        if (w.length != 3) { out.println("usage: set ID VALUE   (e.g. set display_rows 50, set tcp.max_held_bytes 1048576)"); return; }
        long v;
        try {
            v = Long.parseLong(w[2]);
        } catch (NumberFormatException e) {
            out.println("set takes a number, not '" + w[2] + "'");
            return;
        }
        if (w[1].equals("display_rows")) {
            displayRows = v;
        } else {
            Settings next = config.withPref(w[1], v);
            try {
                capture = Jdissect.open(capture.path(), next);
            } catch (IllegalArgumentException e) {
                String hint = capture.dissectors().prefs().containsKey(w[1]) ? ""
                        : io.jdissect.query.Suggest.didYouMean(w[1], capture.dissectors().prefs().keySet());
                out.println("error: " + e.getMessage() + hint);
                return;
            }
            config = next;
        }
        out.println(w[1] + " = " + v);
    }

    private void format(String[] w) {
        List<String> names = java.util.Arrays.stream(OutputFormat.values()).map(Enum::name).toList();
        if (w.length != 2 || !names.contains(w[1])) { out.println("usage: format " + String.join("|", names)); return; }
        format = w[1];
    }

    /**
     * {@code export pcap|pcapng FILE [QUERY | where FILTER]}: the packets of the rows (default: every packet);
     * {@code export jsonl|json|csv|tsv FILE QUERY}: the rows themselves.
     */
    private void export(String line) {
        String[] w = line.split("\\s+", 4);
        String usage = "usage: export pcap|pcapng FILE [QUERY | where FILTER]   or   export jsonl|json|csv|tsv FILE QUERY";
        if (w.length < 3) { out.println(usage); return; }
        String kind = w[1].toLowerCase(Locale.ROOT);
        Path file = Path.of(w[2]);
        String rest = w.length > 3 ? w[3].strip() : "";
        if (rest.toLowerCase(Locale.ROOT).startsWith("where ")) rest = "packets " + rest;
        try {
            if (kind.equals("pcap") || kind.equals("pcapng")) {
                if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + kind)) {
                    out.println("error: name the file FILE." + kind);
                    return;
                }
                long n = capture.writePackets(rest.isEmpty() ? "packets" : rest, file);
                out.println(n + " packets written to " + file);
                return;
            }
            OutputFormat f;
            try {
                f = OutputFormat.valueOf(kind);
            } catch (IllegalArgumentException e) {
                out.println(usage);
                return;
            }
            if (rest.isEmpty()) { out.println(usage); return; }
            Query q = capture.parse(rest);
            long[] n = {0};
            try (java.io.Writer fw = java.nio.file.Files.newBufferedWriter(file);
                 RowWriter wr = f.writer(fw, capture.dissectors().fields(), q, 0, io.jdissect.output.FieldsWriter.Options.DEFAULT)) {
                for (Row r : capture.query(rest).rows()) { wr.write(r); n[0]++; }
            }
            out.println(n[0] + " rows written to " + file);
        } catch (QueryException e) {
            out.println(e.render());
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
        }
    }

    void info() {
        Capture c = capture;
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
            out.flush();
            return;
        }
        StringBuilder sb = new StringBuilder("capture " + c.path() + ": " + c.packets().size() + " packets, "
                + c.flows().size() + " TCP flows");
        for (String source : c.dissectors().sources().keySet()) {
            if (source.equals("packets") || source.equals("flows")) continue;
            sb.append(", ").append(c.query(source).size()).append(' ').append(source);
        }
        out.println(sb);
        if (c.error() != null) out.println("warning: " + c.error().getMessage());
        out.flush();
    }

    private void help() {
        out.println("""
                Queries:  SOURCE [where FILTER] [| STAGE]...   (README, "Queries", lists every operator and stage)
                  stages:  where F, count/sum/avg/min/max/p50/p99(F) [by G, bin(frame.time, 1m)], distinct F,
                           sort F [desc], ..., top N by F, fields F [as NAME], ..., limit N
                  sources: %s
                  filter:  FIELD (= == != < <= > >= contains matches) VALUE, and/or/not, ( ), a bare FIELD tests presence
                  e.g.     flows where port=7272
                           chat where chat.type="say" | fields frame.number, chat.from, chat.content
                           websocket where websocket.opcode=Text and websocket.direction=c2s
                Commands:
                  follow STREAM [c2s|s2c] [hex]   reassembled bytes of a conversation
                  follow chat [STREAM]            workerman-chat transcript: time, who, to whom, what (each say once,
                                                  with the client's frame and the server's copies); STREAM: as that user saw it
                  report [FILE]                   the capture as one HTML page: sequence diagrams, chat, IO graph, anomalies
                  hex FRAME                       hex dump of one packet
                  fields [PREFIX]                 fields you can query (TAB completes them too)
                  decode port PORT as PROTO       force a dissector onto a port
                  set ID VALUE                    a limit or preference (set display_rows 50)
                  format table|jsonl|json|csv|tsv|fields   output format
                  export pcap FILE [QUERY|where F] the packets of a query's rows as a capture (pcap or pcapng)
                  export jsonl|csv FILE QUERY     a query's rows to a file
                  stats phs|conv|io [1s]|http|websocket   tshark's -z tables, each shown with its query
                  show FRAME                      every layer and field of one frame, then its bytes (tshark -V -x)
                  a bare display filter (tcp.port == 7272) means packets where …
                  open FILE, info, quit""".formatted(String.join(", ", capture.dissectors().sources().keySet())));
    }
}
