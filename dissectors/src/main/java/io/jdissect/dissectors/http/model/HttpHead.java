package io.jdissect.dissectors.http.model;

import java.util.List;

/**
 * A parsed start line and header section.
 *
 * @param headers the headers kept (bounded by the limits); framing headers past the limit still count
 */
public record HttpHead(StartLine start, List<Header> headers) {
    public HttpHead {
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String first(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value();
        }
        return null;
    }

    /**
     * The tokens of a comma-separated header, across all its lines, in order (RFC 9110 section 5.3: several lines
     * are one list), each stripped and lower-cased; empty elements are left out.
     */
    public List<String> tokens(String name) {
        List<String> out = new java.util.ArrayList<>();
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase(name)) continue;
            for (String t : h.value().split(",")) {
                String s = t.strip().toLowerCase(java.util.Locale.ROOT);
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    /** Whether a comma-separated header (Connection, Upgrade, Transfer-Encoding) lists {@code token}. */
    public boolean lists(String name, String token) {
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase(name)) continue;
            for (String t : h.value().split(",")) {
                if (t.trim().equalsIgnoreCase(token)) return true;
            }
        }
        return false;
    }
}
