package io.jdissect.dissectors.http.model;

/** {@code HTTP/1.1 101 Switching Protocol}: the phrase is kept as sent (workerman drops the "s", some servers send none). */
public record StatusLine(String version, int code, String phrase) implements StartLine {
    /** 1xx, 204 and 304 responses never have a body (RFC 9112 section 6.3). */
    public boolean bodyless() { return code / 100 == 1 || code == 204 || code == 304; }
}
