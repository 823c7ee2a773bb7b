package io.jdissect.report.html;

import io.jdissect.report.collect.Findings;
import io.jdissect.report.collect.Diagram;
import io.jdissect.report.collect.FlowInfo;
import io.jdissect.report.collect.SeqEvent;

import java.util.List;

/**
 * A conversation as a sequence diagram in SVG: client lane left, server lane right, one row per event from top to
 * bottom: TCP handshake and teardown, HTTP requests and responses (the upgrade's accept key checked), one arrow per
 * WebSocket frame ({@code g.ws}), anomalies and gaps as marks across both lanes. A conversation longer than the
 * events limit shows its first and last events and one band counting what lies between ({@code data-ws} holds the
 * WebSocket frames left out, so drawn arrows plus that count are the conversation's frames).
 */
final class SequenceDiagram {
    private static final int WIDTH = 1100, TOP = 56, ROW = 30, CLIENT_X = 230, SERVER_X = 980;
    /** Characters of label and text that fit between the lanes at the diagram's font size. */
    private static final int FIT = 94;

    private SequenceDiagram() { }

    static void section(Html h, Findings r) {
        List<Diagram> drawn = r.conversations().drawn();
        h.raw("<section id=\"diagrams\"><h2>Sequence diagrams</h2>");
        if (drawn.isEmpty()) h.raw("<p class=\"note\">No HTTP or WebSocket conversation.</p>");
        else h.raw("<p class=\"note\">").text(drawn.size() + " conversation" + (drawn.size() == 1 ? "" : "s") + " with HTTP or WebSocket"
                + (r.conversations().undrawn() > 0 ? "; " + Html.count(r.conversations().undrawn()) + " more not drawn (limit diagrams)" : "")
                + ". Time runs down; click a frame number for its fields.").raw("</p>");
        if (drawn.size() > 1) {
            h.raw("<ul class=\"index\">");
            for (Diagram c : drawn) {
                FlowInfo f = c.flow;
                h.raw("<li><a href=\"#conv-").text(c.stream).raw("\">").text(c.stream).raw("</a> ").text(f == null ? "" : f.protocol())
                        .raw(" <span class=\"note\">").text(c.wsFrames() > 0 ? Html.count(c.wsFrames()) + " WebSocket frames" : Html.count(c.total()) + " events").raw("</span></li>");
            }
            h.raw("</ul>");
        }
        h.raw("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>");
        for (String c : new String[] {"tcp", "http", "c2s", "s2c", "bad"}) {
            h.raw("<marker id=\"ah-" + c + "\" class=\"ah " + c + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>");
        }
        h.raw("</defs></svg>");
        for (Diagram c : drawn) diagram(h, c);
        h.raw("</section>\n");
    }

    private static void diagram(Html h, Diagram c) {
        FlowInfo f = c.flow;
        h.raw("<article class=\"conv\" id=\"conv-").text(c.stream).raw("\" data-stream=\"").text(c.stream).raw("\"><h3>Conversation ").text(c.stream);
        if (f != null) {
            h.raw(": ").text(f.client()).raw(" → ").text(f.server()).raw(" <span class=\"note\">").text(f.protocols() + " · " + Html.count(f.packets())
                    + " packets · " + Html.bytes(f.bytes()) + " · " + f.state() + (f.duration() == null ? "" : " · " + Html.seconds(f.duration()) + " s")).raw("</span>");
        }
        h.raw("</h3>");
        List<SeqEvent> head = c.head(), tail = c.tail();
        boolean band = c.skipped() > 0;
        if (band) h.raw("<p class=\"note\">").text(Html.count(c.total()) + " events; the first " + head.size() + " and last " + tail.size()
                + " are drawn (limit events).").raw("</p>");
        int rows = head.size() + tail.size() + (band ? 2 : 0);
        int height = TOP + rows * ROW + 20;
        h.raw("<svg class=\"seq\" viewBox=\"0 0 " + WIDTH + " " + height + "\" width=\"" + WIDTH + "\" height=\"" + height + "\" role=\"img\" aria-label=\"sequence diagram of conversation ")
                .text(c.stream).raw("\">");
        String client = f == null ? "client" : f.client(), server = f == null ? "server" : f.server();
        h.raw("<text class=\"lane-name\" x=\"" + CLIENT_X + "\" y=\"22\">client ").text(client).raw("</text>");
        h.raw("<text class=\"lane-name\" x=\"" + SERVER_X + "\" y=\"22\">server ").text(server).raw("</text>");
        h.raw("<text class=\"col-name\" x=\"8\" y=\"44\">time (s)</text><text class=\"col-name\" x=\"92\" y=\"44\">frame</text>");
        h.raw("<line class=\"lane\" x1=\"" + CLIENT_X + "\" y1=\"30\" x2=\"" + CLIENT_X + "\" y2=\"" + (height - 8) + "\"/>");
        h.raw("<line class=\"lane\" x1=\"" + SERVER_X + "\" y1=\"30\" x2=\"" + SERVER_X + "\" y2=\"" + (height - 8) + "\"/>");
        int y = TOP + ROW / 2;
        for (SeqEvent e : head) {
            event(h, c, e, y);
            y += ROW;
        }
        if (band) {
            long ws = c.wsSkippedC2s() + c.wsSkippedS2c();
            h.raw("<g class=\"collapsed\" data-ws=\"" + ws + "\"><rect x=\"4\" y=\"" + (y - ROW / 2 + 4) + "\" width=\"" + (WIDTH - 8) + "\" height=\"" + (2 * ROW - 8) + "\" rx=\"6\"/>");
            h.raw("<text x=\"" + (WIDTH / 2) + "\" y=\"" + (y + ROW / 2 + 4) + "\">⋮ ").text(Html.count(c.skipped()) + " events not drawn: "
                    + Html.count(ws) + " WebSocket frames (" + Html.count(c.wsSkippedC2s()) + " c2s, " + Html.count(c.wsSkippedS2c()) + " s2c), "
                    + Html.count(c.otherSkipped()) + " other").raw(" ⋮</text></g>");
            y += 2 * ROW;
        }
        for (SeqEvent e : tail) {
            event(h, c, e, y);
            y += ROW;
        }
        h.raw("</svg></article>\n");
    }

    private static void event(Html h, Diagram c, SeqEvent e, int y) {
        String dir = c.direction(e);
        String kind = switch (e.kind()) {
            case TCP -> "tcp";
            case HTTP_REQUEST, HTTP_RESPONSE -> "http";
            case WEBSOCKET -> "ws";
            case ANOMALY -> "anomaly";
        };
        h.raw("<g class=\"ev " + kind + (dir == null ? "" : " " + dir) + (e.mark() == null ? "" : " " + e.mark()) + "\" data-frame=\"" + e.frame() + "\">");
        h.raw("<text class=\"t\" x=\"8\" y=\"" + (y + 4) + "\">").text(Html.seconds(e.time())).raw("</text>");
        h.svgFrame(e.detail(), 92, y + 4);
        String label = e.label() + (e.text() == null ? "" : "  " + e.text());
        if (label.length() > FIT) label = label.substring(0, FIT - 1) + "…";
        int mid = (CLIENT_X + SERVER_X) / 2;
        if (e.kind() == SeqEvent.Kind.ANOMALY) {
            h.raw("<line class=\"mark\" x1=\"" + CLIENT_X + "\" y1=\"" + y + "\" x2=\"" + SERVER_X + "\" y2=\"" + y + "\"/>");
            double x = "s2c".equals(dir) ? SERVER_X : "c2s".equals(dir) ? CLIENT_X : mid;
            h.raw("<path class=\"diamond\" d=\"M" + Html.num(x) + "," + (y - 7) + " l7,7 l-7,7 l-7,-7 z\"/>");
            h.raw("<text class=\"label\" x=\"" + mid + "\" y=\"" + (y - 5) + "\">⚠ ").text(label).raw("</text></g>");
            return;
        }
        boolean right = !"s2c".equals(dir);   // unknown direction: drawn as from the client
        int x1 = right ? CLIENT_X : SERVER_X, x2 = right ? SERVER_X - 2 : CLIENT_X + 2;
        String marker = "bad".equals(e.mark()) ? "bad" : e.kind() == SeqEvent.Kind.WEBSOCKET ? (right ? "c2s" : "s2c") : kind;
        h.raw("<line class=\"arrow\" x1=\"" + x1 + "\" y1=\"" + (y + 6) + "\" x2=\"" + x2 + "\" y2=\"" + (y + 6) + "\" marker-end=\"url(#ah-" + marker + ")\"/>");
        h.raw("<text class=\"label\" x=\"" + mid + "\" y=\"" + (y + 1) + "\"><tspan class=\"what\">").text(e.label()).raw("</tspan>");
        if (e.text() != null) {
            String rest = label.length() > e.label().length() ? label.substring(e.label().length()) : "";
            h.raw("<tspan class=\"txt\">").text(rest).raw("</tspan>");
        }
        h.raw("</text></g>");
    }
}
