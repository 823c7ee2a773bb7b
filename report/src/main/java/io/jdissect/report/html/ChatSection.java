package io.jdissect.report.html;

import io.jdissect.report.collect.Findings;
import io.jdissect.report.collect.Chat;
import io.jdissect.report.collect.ChatLine;
import io.jdissect.report.collect.Detail;
import io.jdissect.report.collect.Sampled;
import io.jdissect.report.collect.TimeBuckets;

import java.util.List;
import java.util.Map;

/** Messages per user over time (one lane each, private ones marked) and the transcript as people read it. */
final class ChatSection {
    private static final int WIDTH = 1000, LEFT = 150, RIGHT = 980, LANE = 30, TOP = 24;

    private ChatSection() { }

    static void write(Html h, Findings r) {
        Chat chat = r.chat();
        h.raw("<section id=\"chat\"><h2>Chat</h2>");
        if (chat.rows() == 0) {
            h.raw("<p class=\"note\">No chat messages (workerman-chat) in this capture.</p></section>\n");
            return;
        }
        timeline(h, chat, r.summary().duration());
        transcript(h, chat.transcript());
        h.raw("</section>\n");
    }

    private static void timeline(Html h, Chat chat, double duration) {
        Map<String, long[]> users = chat.users();
        TimeBuckets b = chat.perUser();
        h.raw("<h3>Messages per user over time</h3><p class=\"note\">").text("Each dot is the says of one user in "
                + Html.num(b.width()) + " s (bigger: more); orange squares are private messages.").raw("</p>");
        int height = TOP + Math.max(1, users.size()) * LANE + 30;
        h.raw("<svg class=\"timeline\" viewBox=\"0 0 " + WIDTH + " " + height + "\" width=\"" + WIDTH + "\" height=\"" + height + "\" role=\"img\" aria-label=\"chat messages per user over time\">");
        double span = IoChart.span(b, duration) * b.width();
        double max = 1;
        for (double[] s : b.series().values()) for (double v : s) max = Math.max(max, v);
        int y = TOP;
        for (Map.Entry<String, long[]> u : users.entrySet()) {
            int cy = y + LANE / 2;
            h.raw("<text class=\"user\" x=\"8\" y=\"" + (cy + 4) + "\">").text(u.getKey()).raw("</text>");
            h.raw("<text class=\"ucount\" x=\"" + (LEFT - 8) + "\" y=\"" + (cy + 4) + "\">").text(u.getValue()[0] + u.getValue()[1]).raw("</text>");
            h.raw("<line class=\"ulane\" x1=\"" + LEFT + "\" y1=\"" + cy + "\" x2=\"" + RIGHT + "\" y2=\"" + cy + "\"/>");
            dots(h, b.series().get(u.getKey()), b, span, max, cy, false);
            dots(h, b.series().get(u.getKey() + Chat.PRIVATE), b, span, max, cy, true);
            y += LANE;
        }
        IoChart.timeAxis(h, LEFT, RIGHT, y + 4, span);
        h.raw("</svg>");
    }

    private static void dots(Html h, double[] s, TimeBuckets b, double span, double max, int cy, boolean priv) {
        if (s == null) return;
        for (int i = 0; i < b.used(); i++) {
            if (s[i] <= 0) continue;
            double x = LEFT + (RIGHT - LEFT) * ((i + 0.5) * b.width()) / span;
            double rad = 3 + 7 * Math.sqrt(s[i] / max);
            String title = Html.num(s[i]) + (priv ? " private" : "") + " at " + Html.num(i * b.width()) + " s";
            if (priv) {
                h.raw("<rect class=\"priv\" x=\"" + Html.num(x - rad) + "\" y=\"" + Html.num(cy - rad) + "\" width=\"" + Html.num(2 * rad) + "\" height=\"" + Html.num(2 * rad) + "\"><title>")
                        .text(title).raw("</title></rect>");
            } else {
                h.raw("<circle class=\"pub\" cx=\"" + Html.num(x) + "\" cy=\"" + cy + "\" r=\"" + Html.num(rad) + "\"><title>").text(title).raw("</title></circle>");
            }
        }
    }

    private static void transcript(Html h, Sampled<ChatLine> t) {
        h.raw("<h3>Transcript</h3><p class=\"note\">").text("As the people read it (follow chat): each say once, with the frames it was seen in "
                + "(the sender's own first, then the server's copies).").raw("</p>");
        h.raw("<table class=\"data transcript\"><thead><tr><th>time (s)</th><th>who</th><th>to</th><th>what</th><th>frames</th></tr></thead><tbody>");
        for (ChatLine l : t.first()) line(h, l);
        if (t.skipped() > 0) {
            h.raw("<tr class=\"collapsed\"><td colspan=\"5\">⋮ ").text(Html.count(t.skipped()) + " lines not shown (limit transcript) ⋮").raw("</td></tr>");
        }
        for (ChatLine l : t.last()) line(h, l);
        h.raw("</tbody></table>");
    }

    private static void line(Html h, ChatLine l) {
        h.raw("<tr class=\"" + l.what() + (l.privately() ? " private" : "") + "\"><td>").text(Html.seconds(l.time())).raw("</td><td class=\"who\">")
                .text(l.who() == null ? "?" : l.who()).raw("</td><td>");
        if (l.privately()) h.raw("<span class=\"badge\">private</span> ");
        h.text(l.to() == null ? "" : l.to()).raw("</td><td class=\"msg\">");
        if (l.what().equals("said")) h.text(l.text());
        else h.raw("<em>").text(l.what()).raw("</em>");
        h.raw("</td><td class=\"frames\">");
        List<Detail> frames = l.frames();
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) h.raw(" ");
            h.frame(frames.get(i));
        }
        if (l.copies() > 0) h.raw(" <span class=\"note\">+").text(l.copies()).raw("</span>");
        h.raw("</td></tr>\n");
    }
}
