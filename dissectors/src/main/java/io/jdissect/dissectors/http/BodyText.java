package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteView;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns a kept body into text for the row: undoes its Content-Encoding, and decodes textual media types with their
 * charset. Codings are listed in the order they were applied ({@code gzip, gzip} is gzip of gzip), so they are
 * undone last first; {@code maxInflated} bounds the bytes all the steps together produce, so a stack of codings
 * is no way around the decompression-bomb limit. Failures are reported through {@link #problem()}, never thrown.
 */
final class BodyText {
    enum Outcome { TEXT, NOT_TEXT, INFLATE_FAILED, INFLATE_TOO_BIG, CODING_UNSUPPORTED }

    private final int maxInflated;
    private final int maxChars;
    private String text;
    /** Characters of the whole text when it was cut at maxChars, else -1. */
    private int cutFrom = -1;
    private String problem = "";

    BodyText(int maxInflated, int maxChars) {
        this.maxInflated = maxInflated;
        this.maxChars = maxChars;
    }

    String text() { return text; }

    String problem() { return problem; }

    int cutFrom() { return cutFrom; }

    /** @param codings the Content-Encoding codings (lower case), in the order the sender applied them */
    Outcome decode(ByteView body, String contentType, List<String> codings) {
        text = null;
        cutFrom = -1;
        problem = "";
        if (!textual(contentType)) return Outcome.NOT_TEXT;
        byte[] bytes = body.copyBytes();
        inflatedSoFar = 0;
        for (int i = codings.size() - 1; i >= 0 && bytes != null; i--) {
            String coding = codings.get(i);
            String step = codings.size() > 1 ? " (coding " + (i + 1) + " of " + codings.size() + ", " + coding + ")" : "";
            switch (coding) {
                case "identity" -> { }
                case "gzip", "x-gzip" -> bytes = inflate(Gzip.stripHeader(bytes), true);
                case "deflate" -> {
                    byte[] zlib = inflate(bytes, false);   // RFC 9110 says zlib; some servers send raw deflate
                    bytes = zlib != null || problem.startsWith("over") ? zlib : inflate(bytes, true);
                }
                default -> {
                    problem = "Content-Encoding " + coding + " is not supported" + step + "; the body is not decoded";
                    return Outcome.CODING_UNSUPPORTED;
                }
            }
            if (bytes == null && !step.isEmpty()) problem += step;
        }
        if (bytes == null) return problem.startsWith("over") ? Outcome.INFLATE_TOO_BIG : Outcome.INFLATE_FAILED;
        String s = new String(bytes, charset(contentType));
        text = s.length() > maxChars ? s.substring(0, maxChars) : s;
        if (s.length() > maxChars) cutFrom = s.length();
        return Outcome.TEXT;
    }

    /** Bytes the codings undone so far for this body produced, against {@code maxInflated}. */
    private long inflatedSoFar;

    /** Text media types, and the application types that are text in practice. */
    static boolean textual(String contentType) {
        if (contentType == null) return false;
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("javascript") || t.contains("xml")
                || t.startsWith("application/x-www-form-urlencoded");
    }

    private static Charset charset(String contentType) {
        int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (i < 0) return StandardCharsets.UTF_8;
        String name = contentType.substring(i + 8).split("[;, ]")[0].replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Inflates raw deflate ({@code nowrap}) or zlib data; null with {@link #problem} set when it fails or grows too big. */
    private byte[] inflate(byte[] in, boolean nowrap) {
        if (in == null) {
            problem = "not a gzip stream";
            return null;
        }
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0) break;   // needs input (a truncated body: keep what came out) or a dictionary
                if (inflatedSoFar + out.size() + n > maxInflated) {
                    problem = "over " + maxInflated + " bytes inflated from " + in.length
                            + (inflatedSoFar > 0 ? " (with " + inflatedSoFar + " bytes of the codings undone before)" : "");
                    return null;
                }
                out.write(buf, 0, n);
            }
            inflatedSoFar += out.size();
            return out.toByteArray();
        } catch (DataFormatException e) {
            problem = "invalid deflate data: " + e.getMessage();
            return null;
        } finally {
            inflater.end();
        }
    }
}
