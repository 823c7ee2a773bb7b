package io.jdissect.dissectors.http;

import io.jdissect.dissectors.http.model.RequestLine;
import io.jdissect.dissectors.http.model.StartLine;
import io.jdissect.dissectors.http.model.StatusLine;

/** Parsing of start lines and the numbers in HTTP framing; lenient where real servers are, strict where framing depends on it. */
final class StartLines {
    private StartLines() { }

    /** A request line ({@code request}) or status line, or null when the text is neither. */
    static StartLine parse(String text, boolean request) {
        return request ? requestLine(text) : statusLine(text);
    }

    private static RequestLine requestLine(String text) {
        int sp1 = text.indexOf(' ');
        int sp2 = text.lastIndexOf(' ');
        if (sp1 <= 0 || sp2 <= sp1) return null;
        String method = text.substring(0, sp1);
        String version = text.substring(sp2 + 1);
        if (!isToken(method) || !version.startsWith("HTTP/")) return null;
        return new RequestLine(method, text.substring(sp1 + 1, sp2).strip(), version);
    }

    /** Methods a line that is not a request line by the RFC is still read with, as tshark's list has them. */
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
            "SEARCH", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "SUBSCRIBE", "UNSUBSCRIBE", "NOTIFY", "POLL",
            "BMOVE", "BDELETE", "BPROPFIND", "BPROPPATCH", "BCOPY", "X-MS-ENUMATTS", "RPC_CONNECT", "RPC_IN_DATA",
            "RPC_OUT_DATA", "CCM_POST", "VERSION-CONTROL", "LABEL", "UPDATE", "UNCHECKOUT", "MKWORKSPACE", "BASELINE-CONTROL", "ACL");

    /**
     * What tshark still reads as a request when the line is not one by RFC 9112 ({@code OPTIONS}, {@code GET
     * /HTTP/1.1}): a known method, then the URI and the version if there are words for them; null otherwise.
     */
    static RequestLine lenientRequest(String text) {
        String[] w = text.strip().split("[ \t]+", 3);
        if (!KNOWN_METHODS.contains(w[0])) return null;
        return new RequestLine(w[0], w.length > 1 ? w[1] : "", w.length > 2 ? w[2] : null);
    }

    private static StatusLine statusLine(String text) {
        if (!text.startsWith("HTTP/")) return null;
        int sp1 = text.indexOf(' ');
        if (sp1 < 0 || text.length() < sp1 + 4) return null;
        String digits = text.substring(sp1 + 1, sp1 + 4);
        for (int i = 0; i < 3; i++) {
            if (!Character.isDigit(digits.charAt(i))) return null;
        }
        if (text.length() > sp1 + 4 && text.charAt(sp1 + 4) != ' ') return null;
        String phrase = text.length() > sp1 + 5 ? text.substring(sp1 + 5) : "";
        return new StatusLine(text.substring(0, sp1), Integer.parseInt(digits), phrase);
    }

    /** RFC 9110 token characters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** A Content-Length value, or -1 when it is not a plain decimal number (no sign, no spaces, no overflow). */
    static long parseLength(String v) {
        if (v.isEmpty() || v.length() > 18) return -1;
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A chunk size line ({@code 1a;ext=1}), or -1 when it does not start with hex digits. */
    static long parseChunkSize(String line) {
        int end = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) end++;
        if (end == 0 || end > 15) return -1;
        String rest = line.substring(end).strip();
        if (!rest.isEmpty() && rest.charAt(0) != ';') return -1;
        return Long.parseLong(line.substring(0, end), 16);
    }

    /** At most 80 characters of {@code s}, for anomaly details. */
    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
