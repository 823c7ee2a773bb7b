package io.jdissect.dissectors.http.model;

/** {@code GET /path HTTP/1.1} */
public record RequestLine(String method, String uri, String version) implements StartLine { }
