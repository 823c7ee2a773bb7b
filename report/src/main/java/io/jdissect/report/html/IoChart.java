package io.jdissect.report.html;

import io.jdissect.report.collect.Findings;
import io.jdissect.report.collect.TimeBuckets;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Packets, bytes and messages per interval, stacked by protocol, as SVG bar charts with a legend. */
final class IoChart {
    private static final int WIDTH = 1000, LEFT = 80, RIGHT = 980, TOP = 14, HEIGHT = 150;
    private static final List<String> KNOWN = List.of("tcp", "http", "websocket", "chat", "udp", "icmp", "icmpv6");

    private IoChart() { }

    static void section(Html h, Findings r) {
        double duration = r.summary().duration();
        h.raw("<section id=\"io\"><h2>IO graph</h2>");
        chart(h, "Packets", r.io().packets(), duration, false);
        chart(h, "Bytes", r.io().bytes(), duration, true);
        chart(h, "Messages (HTTP requests and responses, WebSocket frames, chat messages)", r.io().messages(), duration, false);
        h.raw("</section>\n");
    }

    private static void chart(Html h, String title, TimeBuckets b, double duration, boolean bytes) {
        h.raw("<h3>").text(title + " per " + (b.width() == 1 ? "second" : Html.num(b.width()) + " s")).raw("</h3>");
        if (b.series().isEmpty()) {
            h.raw("<p class=\"note\">None.</p>");
            return;
        }
        int n = span(b, duration);
        double span = n * b.width();
        double max = 0;
        for (int i = 0; i < b.used(); i++) max = Math.max(max, b.total(i));
        max = bytes && max > 1024 ? 1024 * niceMax(max / 1024) : niceMax(max);   // byte ticks at round KiB
        int total = HEIGHT + TOP + 34;
        h.raw("<svg class=\"io\" viewBox=\"0 0 " + WIDTH + " " + total + "\" width=\"" + WIDTH + "\" height=\"" + total + "\" role=\"img\" aria-label=\"")
                .text(title).raw("\">");
        double base = TOP + HEIGHT;
        for (int k = 0; k <= 4; k++) {
            double y = base - HEIGHT * k / 4.0;
            double v = max * k / 4.0;
            h.raw("<line class=\"grid\" x1=\"" + LEFT + "\" y1=\"" + Html.num(y) + "\" x2=\"" + RIGHT + "\" y2=\"" + Html.num(y) + "\"/>");
            h.raw("<text class=\"ytick\" x=\"" + (LEFT - 6) + "\" y=\"" + Html.num(y + 4) + "\">").text(bytes ? Html.bytes(v) : tick(v)).raw("</text>");
        }
        double bw = (RIGHT - LEFT) / (double) Math.max(n, 1);
        double[] stacked = new double[b.used()];
        for (Map.Entry<String, double[]> s : b.series().entrySet()) {
            String cls = cls(s.getKey());
            h.raw("<g class=\"series " + cls + "\">");
            for (int i = 0; i < b.used(); i++) {
                double v = s.getValue()[i];
                if (v <= 0) continue;
                double y0 = base - HEIGHT * stacked[i] / max, hgt = HEIGHT * v / max;
                stacked[i] += v;
                h.raw("<rect x=\"" + Html.num(LEFT + i * bw) + "\" y=\"" + Html.num(y0 - hgt) + "\" width=\"" + Html.num(Math.max(bw - 0.5, 0.8))
                        + "\" height=\"" + Html.num(Math.max(hgt, 0.5)) + "\"><title>").text(s.getKey() + ": " + (bytes ? Html.bytes(v) : Html.num(v))
                        + " at " + Html.num(i * b.width()) + " s").raw("</title></rect>");
            }
            h.raw("</g>");
        }
        timeAxis(h, LEFT, RIGHT, (int) base + 2, span);
        h.raw("</svg><p class=\"legend\">");
        for (Map.Entry<String, double[]> s : b.series().entrySet()) {
            double sum = 0;
            for (double v : s.getValue()) sum += v;
            h.raw("<span class=\"key " + cls(s.getKey()) + "\"></span>").text(s.getKey() + " " + (bytes ? Html.bytes(sum) : Html.count((long) sum))).raw(" ");
        }
        h.raw("</p>");
    }

    /** Tick marks and seconds along the bottom of a chart spanning {@code span} seconds. */
    static void timeAxis(Html h, int left, int right, int y, double span) {
        h.raw("<line class=\"axis\" x1=\"" + left + "\" y1=\"" + y + "\" x2=\"" + right + "\" y2=\"" + y + "\"/>");
        double step = niceStep(span / 8);
        for (double t = 0; t <= span + 1e-9; t += step) {
            double x = left + (right - left) * t / span;
            h.raw("<line class=\"axis\" x1=\"" + Html.num(x) + "\" y1=\"" + y + "\" x2=\"" + Html.num(x) + "\" y2=\"" + (y + 5) + "\"/>");
            h.raw("<text class=\"xtick\" x=\"" + Html.num(x) + "\" y=\"" + (y + 18) + "\">").text(Html.num(t) + " s").raw("</text>");
        }
    }

    /** Intervals a chart spans: the whole capture, so charts of one capture line up. */
    static int span(TimeBuckets b, double duration) {
        return (int) Math.max(1, Math.max(b.used(), Math.ceil(duration / b.width())));
    }

    /** The smallest round number (times a power of ten) at or above {@code v} whose quarters are round too. */
    private static double niceMax(double v) {
        if (v <= 1) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10}) if (m * p >= v * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return Math.max(m * p, 1);
        return Math.max(10 * p, 1);
    }

    private static String tick(double v) {
        if (v >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (v >= 1e4) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        return Html.num(Math.round(v * 10) / 10.0);
    }

    /** A CSS class for a series' colour: the known protocols have their own, the rest one of a few. */
    private static String cls(String series) {
        int i = KNOWN.indexOf(series);
        return i >= 0 ? "p-" + series : "p-other" + Math.floorMod(series.hashCode(), 3);
    }
}
