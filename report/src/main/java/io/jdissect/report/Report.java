package io.jdissect.report;

import io.jdissect.api.Capture;
import io.jdissect.query.Query;
import io.jdissect.report.collect.Anomalies;
import io.jdissect.report.collect.Chat;
import io.jdissect.report.collect.Diagrams;
import io.jdissect.report.collect.Findings;
import io.jdissect.report.collect.IoGraph;
import io.jdissect.report.collect.Summary;
import io.jdissect.report.html.Page;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A capture as one self-contained HTML page. The capture is read once, every source at the same time, and each
 * section aggregates as the rows go by and keeps only what its {@link ReportLimits} allow, so memory does not grow
 * with the capture.
 */
public final class Report {
    private final Capture capture;
    private final ReportOptions options;
    final Summary summary = new Summary();
    final Diagrams conversations;
    final Chat chat;
    final IoGraph io;
    final Anomalies anomalies;
    private String damage;

    private Report(Capture capture, ReportOptions options) {
        this.capture = capture;
        this.options = options;
        ReportLimits l = options.limits();
        this.conversations = new Diagrams(l.diagrams(), l.events(), l.conversations(), l.text(), capture.dissectors().fields());
        this.chat = new Chat(l.transcript(), l.users(), l.buckets(), l.text(), capture.dissectors().fields());
        this.io = new IoGraph(l.buckets());
        this.anomalies = new Anomalies(l.anomalyFrames(), l.anomalyKinds(), capture.dissectors().fields());
    }

    /**
     * Reads {@code capture} and gathers what the page shows. A capture damaged part way gives the report of what
     * came before, and the page says where reading stopped.
     *
     * @throws io.jdissect.query.QueryException when the options' filter is not a valid query filter
     */
    public static Report of(Capture capture, ReportOptions options) {
        Report r = new Report(capture, options);
        r.read();
        return r;
    }

    /**
     * {@code source}'s query with the options' where clause; a source that cannot carry a field the filter names
     * (packets rows have no websocket.direction) is narrowed to the conversation only. A filter no source can take
     * is the user's error.
     */
    private Query parse(String source, String fields, java.util.List<io.jdissect.query.QueryException> refused) {
        try {
            return capture.parse(source + options.where() + fields);
        } catch (io.jdissect.query.QueryException e) {
            if (options.filter() == null) throw e;
            refused.add(e);
            return capture.parse(source + options.streamWhere() + fields);
        }
    }

    private void read() {
        java.util.List<io.jdissect.query.QueryException> refused = new java.util.ArrayList<>();
        // packets need only what the summary, the IO graph and the handshake arrows read
        Query packets = parse("packets", " | fields frame.number, frame.time, frame.time_relative, frame.len, "
                + "frame.link_type, ip.src, ip.dst, ip.proto, tcp.stream, tcp.srcport, tcp.dstport, tcp.len, tcp.flags.str", refused);
        Query flows = parse("flows", "", refused);
        Query http = parse("http", "", refused);
        Query ws = parse("websocket", "", refused);
        Query chatQ = parse("chat", "", refused);
        Query anomaliesQ = parse("anomalies", "", refused);
        if (refused.size() == 6) throw refused.get(0);
        try {
            capture.stream(List.of(packets, flows, http, ws, chatQ, anomaliesQ), (q, row) -> {
                if (q == packets) {
                    summary.packet(row);
                    io.packet(row);
                    conversations.packet(row);
                } else if (q == flows) {
                    summary.flow(row);
                    io.flow(row);
                    conversations.flow(row);
                } else if (q == http) {
                    io.decoded(row, "http");
                    io.message(row, "http");
                    conversations.http(row);
                } else if (q == ws) {
                    io.decoded(row, "websocket");
                    io.message(row, "websocket");
                    conversations.websocket(row);
                } else if (q == chatQ) {
                    io.message(row, "chat");
                    chat.add(row);
                } else {
                    summary.anomaly(row);
                    anomalies.add(row);
                    conversations.anomaly(row);
                }
            });
        } catch (java.io.IOException e) {   // a CaptureException: every row before the damage was delivered
            damage = e.getMessage();
        }
        io.finish();
        chat.finish();
    }

    /** Writes the page. */
    public void write(Writer out) throws IOException {
        new Page(findings()).write(out);
    }

    /** Writes the page to {@code file} (UTF-8), through a temporary file beside it so a failed run leaves no half page. */
    public void write(java.nio.file.Path file) throws IOException {
        java.nio.file.Path abs = file.toAbsolutePath();
        java.nio.file.Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            try (Writer w = java.nio.file.Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8)) {
                write(w);
            }
            java.nio.file.Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Where a report of {@code capture} goes by default: beside nothing, in the current folder, named after it. */
    public static java.nio.file.Path defaultFile(java.nio.file.Path capture) {
        String name = capture.getFileName() == null || capture.toString().equals("-") ? "capture" : capture.getFileName().toString();
        return java.nio.file.Path.of(name.replaceFirst("\\.(pcapng|pcap)(\\.gz|\\.zst)?$", "") + ".report.html");
    }

    /** What the read gathered, for the page. */
    public Findings findings() {
        return new Findings(capture.path(), options.stream(), options.filter(), damage, summary, conversations, chat, io, anomalies);
    }

    public Capture capture() { return capture; }

    public ReportOptions options() { return options; }

    /** Where reading stopped on a damaged capture, or null when it was read to its end. */
    public String damage() { return damage; }

    public Summary summary() { return summary; }

    public Diagrams conversations() { return conversations; }

    public Chat chat() { return chat; }

    public IoGraph io() { return io; }

    public Anomalies anomalies() { return anomalies; }
}
