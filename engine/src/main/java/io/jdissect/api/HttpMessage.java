package io.jdissect.api;

import io.jdissect.spi.Row;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code http}: one request or response.
 *
 * @param frame       frame.number of the packet that completed it
 * @param time        frame.time
 * @param stream      tcp.stream
 * @param direction   flow.direction, c2s or s2c
 * @param request     http.request: true for a request, false for a response
 * @param method      http.request.method (requests)
 * @param uri         http.request.uri (requests)
 * @param status      http.response.code (responses)
 * @param host        http.host
 * @param contentType http.content_type
 * @param row         every field, headers included
 */
public record HttpMessage(long frame, Instant time, long stream, String direction, boolean request, String method, String uri,
                          Long status, String host, String contentType, Row row) implements TypedRow {
    public static final List<String> COLUMNS = List.of("frame.number", "frame.time", "tcp.stream", "flow.direction", "http.request",
            "http.request.method", "http.request.uri", "http.response.code", "http.host", "http.content_type");
    private static final List<String> NAMES = List.of("frame", "time", "stream", "direction", "request", "method", "uri", "status", "host", "contentType");

    public static HttpMessage of(Row r) {
        return new HttpMessage(r.number("frame.number"), TypedRow.timeOf(r, "frame.time"), r.number("tcp.stream"),
                TypedRow.stringOf(r, "flow.direction"), Boolean.TRUE.equals(TypedRow.boolOf(r, "http.request")),
                TypedRow.stringOf(r, "http.request.method"), TypedRow.stringOf(r, "http.request.uri"),
                TypedRow.longOf(r, "http.response.code"), TypedRow.stringOf(r, "http.host"), TypedRow.stringOf(r, "http.content_type"), r);
    }

    @Override public List<String> columns() { return COLUMNS; }

    @Override
    public String toString() {
        return TypedRow.brief("HttpMessage", NAMES, frame, time, stream, direction, request, method, uri, status, host, contentType);
    }
}
