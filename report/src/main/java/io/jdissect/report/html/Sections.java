package io.jdissect.report.html;

import io.jdissect.report.collect.Findings;
import io.jdissect.report.collect.Anomalies;
import io.jdissect.report.collect.Diagram;
import io.jdissect.report.collect.Detail;
import io.jdissect.report.collect.FlowInfo;
import io.jdissect.report.collect.Summary;
import io.jdissect.output.Values;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The page's sections in order, each with an id the summary at the top links to. */
final class Sections {
    private Sections() { }

    static void write(Html h, Findings r) {
        Summary s = r.summary();
        List<Diagram> drawn = r.conversations().drawn();
        h.raw("<header><h1>").text(r.file().getFileName()).raw("</h1>");
        h.raw("<p class=\"sub\">jdissect report");
        if (r.stream() != null) h.raw(" · conversation ").text(r.stream());
        if (r.filter() != null) h.raw(" · rows where <code>").text(r.filter()).raw("</code>");
        h.raw("</p>");
        h.raw("<nav><a href=\"#summary\">Summary</a><a href=\"#conversations\">Conversations (").text(Html.count(r.conversations().flows()))
                .raw(")</a><a href=\"#diagrams\">Sequence diagrams (").text(drawn.size()).raw(")</a><a href=\"#chat\">Chat (")
                .text(Html.count(r.chat().transcript().total())).raw(")</a><a href=\"#io\">IO graph</a><a href=\"#anomalies\">Anomalies (")
                .text(Html.count(s.anomalies())).raw(")</a></nav></header>\n<main>\n");
        summary(h, r);
        conversations(h, r);
        SequenceDiagram.section(h, r);
        ChatSection.write(h, r);
        IoChart.section(h, r);
        anomalies(h, r);
        h.raw("</main>\n");
    }

    private static void summary(Html h, Findings r) {
        Summary s = r.summary();
        Path p = r.file();
        h.raw("<section id=\"summary\"><h2>Capture summary</h2>");
        if (r.damage() != null) h.raw("<p class=\"damage\">Reading stopped: ").text(r.damage()).raw(". Everything before that point is shown.</p>");
        h.raw("<div class=\"cols\"><table class=\"kv\">");
        kv(h, "file", p.toString());
        kv(h, "format", CaptureFormat.of(p));
        try {
            if (!p.toString().equals("-")) kv(h, "file size", Html.bytes(Files.size(p)) + " (" + Html.count(Files.size(p)) + " bytes)");
        } catch (java.io.IOException e) {
            kv(h, "file size", "unknown: " + e.getMessage());
        }
        StringBuilder links = new StringBuilder();
        for (Map.Entry<Long, Long> e : s.linkTypes().entrySet()) {
            if (!links.isEmpty()) links.append(", ");
            links.append(LinkTypes.name(e.getKey())).append(" (").append(Html.count(e.getValue())).append(" packets)");
        }
        kv(h, "link types", links.isEmpty() ? "none" : links.toString());
        kv(h, "packets", Html.count(s.packets()));
        kv(h, "bytes on the wire", Html.bytes(s.bytes()) + " (" + Html.count(s.bytes()) + ")");
        kv(h, "first packet", s.firstTime() == null ? "none" : Values.time(s.firstTime()));
        kv(h, "last packet", s.lastTime() == null ? "none" : Values.time(s.lastTime()));
        kv(h, "duration", Html.seconds(s.duration()) + " s");
        kv(h, "TCP conversations", Html.count(s.flows()));
        kv(h, "chat messages", Html.count(r.chat().rows()) + " rows, " + Html.count(r.chat().transcript().total()) + " transcript lines");
        h.raw("<tr><th>anomalies</th><td>").text(Html.count(s.anomalies()));
        for (Map.Entry<String, Long> e : s.severities().entrySet()) {
            h.raw(" <span class=\"sev ").text(e.getKey()).raw("\">").text(e.getKey() + " " + Html.count(e.getValue())).raw("</span>");
        }
        h.raw("</td></tr></table>");
        hierarchy(h, s);
        h.raw("</div></section>\n");
    }

    /** flow.protocols stacks (tcp:http:websocket:chat) summed at every level, as Wireshark's protocol hierarchy. */
    private static void hierarchy(Html h, Summary s) {
        Map<String, long[]> levels = new java.util.TreeMap<>();
        for (Map.Entry<String, long[]> e : s.stacks().entrySet()) {
            String[] parts = e.getKey().split(":");
            StringBuilder k = new StringBuilder();
            for (String part : parts) {
                if (!k.isEmpty()) k.append(':');
                k.append(part);
                long[] c = levels.computeIfAbsent(k.toString(), x -> new long[3]);
                for (int i = 0; i < 3; i++) c[i] += e.getValue()[i];
            }
        }
        h.raw("<table class=\"hier\"><caption>Protocol hierarchy (by conversation: a conversation counts under every protocol decoded on it)</caption>")
                .raw("<thead><tr><th>protocol</th><th>conversations</th><th>packets</th><th>% packets</th><th>bytes</th></tr></thead><tbody>");
        for (Map.Entry<String, long[]> e : levels.entrySet()) {
            String[] parts = e.getKey().split(":");
            long[] c = e.getValue();
            double pct = s.packets() == 0 ? 0 : 100.0 * c[1] / s.packets();
            h.raw("<tr><td class=\"lvl").text(Math.min(parts.length - 1, 5)).raw("\">").text(parts[parts.length - 1]).raw("</td><td>")
                    .text(Html.count(c[0])).raw("</td><td>").text(Html.count(c[1])).raw("</td><td>")
                    .text(String.format(java.util.Locale.ROOT, "%.1f", pct)).raw("</td><td>").text(Html.bytes(c[2])).raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }

    private static void kv(Html h, String k, String v) {
        h.raw("<tr><th>").text(k).raw("</th><td>").text(v).raw("</td></tr>");
    }

    private static void conversations(Html h, Findings r) {
        List<FlowInfo> rows = r.conversations().table();
        Long first = r.summary().firstTime();
        h.raw("<section id=\"conversations\"><h2>Conversations</h2>");
        long all = r.conversations().flows();
        h.raw("<p class=\"note\">").text(rows.size() < all
                ? "The " + Html.count(rows.size()) + " conversations with the most bytes of " + Html.count(all) + " (limit conversations)."
                : Html.count(all) + " TCP conversations.").raw(" Click a heading to sort; a stream number links to its sequence diagram.</p>");
        h.raw("<div class=\"wide\"><table class=\"sortable data\"><thead><tr><th>stream</th><th>client</th><th>server</th><th>protocols decoded</th>")
                .raw("<th>packets</th><th>bytes</th><th>state</th><th>start (s)</th><th>duration (s)</th><th>gaps (B)</th><th>anomalies</th><th>frame</th></tr></thead><tbody>");
        for (FlowInfo f : rows) {
            h.raw("<tr><td data-v=\"").text(f.stream()).raw("\">");
            if (r.conversations().isDrawn(f.stream())) h.raw("<a href=\"#conv-").text(f.stream()).raw("\">").text(f.stream()).raw("</a>");
            else h.text(f.stream());
            h.raw("</td><td>").text(f.client()).raw("</td><td>").text(f.server()).raw("</td><td>").text(f.protocols() != null ? f.protocols() : f.protocol())
                    .raw("</td>");
            num(h, f.packets(), Html.count(f.packets()));
            num(h, f.bytes(), Html.bytes(f.bytes()));
            h.raw("<td class=\"state ").text(f.state()).raw("\">").text(f.state()).raw("</td>");
            double start = f.startNanos() == null || first == null ? 0 : (f.startNanos() - first) / 1e9;
            num(h, start, Html.seconds(start));
            num(h, f.duration() == null ? 0 : f.duration(), f.duration() == null ? "" : Html.seconds(f.duration()));
            num(h, f.gaps(), Html.count(f.gaps()));
            num(h, f.anomalies(), Html.count(f.anomalies()));
            Detail d = f.detail();
            h.raw("<td data-v=\"").text(d.frame()).raw("\">").frame(d).raw("</td></tr>\n");
        }
        h.raw("</tbody></table></div></section>\n");
    }

    private static void num(Html h, double sortValue, String shown) {
        h.raw("<td class=\"n\" data-v=\"").text(Html.num(sortValue)).raw("\">").text(shown).raw("</td>");
    }

    private static void anomalies(Html h, Findings r) {
        Anomalies a = r.anomalies();
        h.raw("<section id=\"anomalies\"><h2>Anomalies</h2>");
        if (a.kinds().isEmpty()) h.raw("<p class=\"note\">None: nothing malformed, lost or unexpected.</p>");
        for (Anomalies.Kind k : a.kinds()) {
            h.raw("<details class=\"anom\" open><summary><span class=\"sev ").text(k.severity).raw("\">").text(k.severity).raw("</span> <code>")
                    .text(k.id).raw("</code> × ").text(Html.count(k.count));
            if (k.count > k.first.size()) h.raw(" <span class=\"note\">(the first ").text(k.first.size()).raw(" listed)</span>");
            h.raw("</summary><table class=\"data\"><thead><tr><th>frame</th><th>time (s)</th><th>stream</th><th>direction</th><th>detail</th></tr></thead><tbody>");
            for (Detail d : k.first) {
                Map<String, String> f = d.fields();
                h.raw("<tr><td>").frame(d).raw("</td><td>").text(f.getOrDefault("frame.time_relative", "")).raw("</td><td>");
                String st = f.get("tcp.stream");
                if (st != null && r.conversations().isDrawn(Long.parseLong(st))) h.raw("<a href=\"#conv-").text(st).raw("\">").text(st).raw("</a>");
                else h.text(st == null ? "" : st);
                h.raw("</td><td>").text(f.getOrDefault("flow.direction", "")).raw("</td><td>").text(f.getOrDefault("anomaly.detail", "")).raw("</td></tr>");
            }
            h.raw("</tbody></table></details>\n");
        }
        if (a.unlisted() > 0) h.raw("<p class=\"note\">").text(Html.count(a.unlisted()) + " anomalies of further kinds not listed (limit anomaly_kinds).").raw("</p>");
        h.raw("</section>\n");
    }
}
