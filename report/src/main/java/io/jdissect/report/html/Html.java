package io.jdissect.report.html;

import io.jdissect.report.collect.Detail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes markup to the page, escaping text, and remembers the details of every frame it links to (only those), for
 * the popup a click on a frame number opens.
 */
final class Html {
    private final Writer out;
    /** frame number -> source -> field -> value */
    private final Map<Long, Map<String, Map<String, String>>> frames = new TreeMap<>();

    Html(Writer out) {
        this.out = out;
    }

    Html raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Html text(Object s) {
        return raw(esc(s == null ? "" : s.toString()));
    }

    static String esc(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r == null && c < 0x20 && c != '\n' && c != '\t') r = " ";   // control characters are not markup
            if (r != null) {
                if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** A link to a frame's popup, in HTML. */
    Html frame(Detail d) {
        remember(d);
        return raw("<a class=\"fr\" tabindex=\"0\" data-frame=\"" + d.frame() + "\">" + d.frame() + "</a>");
    }

    /** The same inside an SVG drawing. */
    Html svgFrame(Detail d, double x, double y) {
        remember(d);
        return raw("<text class=\"fr\" tabindex=\"0\" data-frame=\"" + d.frame() + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\">#" + d.frame() + "</text>");
    }

    void remember(Detail d) {
        if (d == null || d.frame() < 0) return;
        frames.computeIfAbsent(d.frame(), k -> new LinkedHashMap<>()).putIfAbsent(d.source(), d.fields());
    }

    Map<Long, Map<String, Map<String, String>>> frames() { return frames; }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Bytes as people read them: 1.2 MB. */
    static String bytes(double b) {
        if (b < 1024) return num(b) + " B";
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        int i = -1;
        while (b >= 1024 && i < u.length - 1) {
            b /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, u[i]);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
