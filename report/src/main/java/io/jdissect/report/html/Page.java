package io.jdissect.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jdissect.report.collect.Findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The whole page: styles and scripts inline, allowed by their hashes in a Content-Security-Policy that forbids
 * every other load (no network, no file, nothing), so the page is the same offline and cannot leak the capture.
 * A small script first records script errors and policy violations into {@code #jd-health}, where a test (or a
 * curious reader) finds them.
 */
public final class Page {
    private final Findings report;

    public Page(Findings report) {
        this.report = report;
    }

    public void write(Writer out) throws IOException {
        String css = resource("report.css");
        String health = resource("health.js");
        String js = resource("report.js");
        String csp = "default-src 'none'; img-src data:; style-src '" + sha256(css) + "'; script-src '" + sha256(health) + "' '"
                + sha256(js) + "'; base-uri 'none'; form-action 'none'";
        StringWriter body = new StringWriter();
        Html h = new Html(body);
        try {
            Sections.write(h, report);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Html page = new Html(out);
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<link rel=\"icon\" href=\"data:,\">\n")
                .raw("<title>").text("jdissect report: " + report.file().getFileName()).raw("</title>\n")
                .raw("<script>").raw(health).raw("</script>\n")
                .raw("<style>").raw(css).raw("</style>\n</head>\n<body>\n");
        out.write(body.toString());
        page.raw("<div id=\"jd-pop\" hidden><button class=\"close\" type=\"button\" aria-label=\"close\">×</button><div class=\"content\"></div></div>\n");
        page.raw("<pre id=\"jd-health\" hidden></pre>\n");
        page.raw("<script type=\"application/json\" id=\"jd-frames\">").raw(framesJson(h.frames())).raw("</script>\n");
        page.raw("<script>").raw(js).raw("</script>\n</body>\n</html>\n");
        out.flush();
    }

    /** The details of every linked frame, as JSON safe inside a script element (no "<" left). */
    private static String framesJson(Map<Long, Map<String, Map<String, String>>> frames) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            for (var f : frames.entrySet()) {
                g.writeObjectFieldStart(Long.toString(f.getKey()));
                for (var s : f.getValue().entrySet()) {
                    g.writeObjectFieldStart(s.getKey());
                    for (var v : s.getValue().entrySet()) g.writeStringField(v.getKey(), v.getValue());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return w.toString().replace("<", "\\u003c");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("report resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
