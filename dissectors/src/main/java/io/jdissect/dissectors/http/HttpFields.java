package io.jdissect.dissectors.http;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Source;

import java.util.List;
import java.util.Map;

/** Fields (Wireshark's names), anomalies and the source of the HTTP/1.x dissector. */
public final class HttpFields {
    private HttpFields() { }

    public static final FieldDef REQUEST = FieldDef.bool("http.request", "Request", "The row is a request");
    public static final FieldDef RESPONSE = FieldDef.bool("http.response", "Response", "The row is a response");
    public static final FieldDef METHOD = FieldDef.string("http.request.method", "Request Method", "GET, POST, ...");
    public static final FieldDef URI = FieldDef.string("http.request.uri", "Request URI", "Request target as sent");
    public static final FieldDef REQUEST_VERSION = FieldDef.string("http.request.version", "Request Version", "HTTP/1.1, HTTP/1.0");
    public static final FieldDef CODE = FieldDef.integer("http.response.code", "Status Code", "Response status code");
    public static final FieldDef PHRASE = FieldDef.string("http.response.phrase", "Response Phrase", "Reason phrase as sent (may be empty or unusual)");
    public static final FieldDef RESPONSE_VERSION = FieldDef.string("http.response.version", "Response Version", "HTTP/1.1, HTTP/1.0");
    public static final FieldDef REQUEST_IN = FieldDef.integer("http.request_in", "Request in frame", "Frame of the request this response answers");
    public static final FieldDef HOST = FieldDef.string("http.host", "Host", "Host header");
    public static final FieldDef USER_AGENT = FieldDef.string("http.user_agent", "User-Agent", "User-Agent header");
    public static final FieldDef SERVER = FieldDef.string("http.server", "Server", "Server header");
    public static final FieldDef CONNECTION = FieldDef.string("http.connection", "Connection", "Connection header");
    public static final FieldDef CONTENT_LENGTH = FieldDef.integer("http.content_length", "Content length", "Content-Length header, parsed");
    public static final FieldDef CONTENT_TYPE = FieldDef.string("http.content_type", "Content-Type", "Content-Type header");
    public static final FieldDef CONTENT_ENCODING = FieldDef.string("http.content_encoding", "Content-Encoding", "Content-Encoding header");
    public static final FieldDef TRANSFER_ENCODING = FieldDef.string("http.transfer_encoding", "Transfer-Encoding", "Transfer-Encoding header");
    public static final FieldDef UPGRADE = FieldDef.string("http.upgrade", "Upgrade", "Upgrade header");
    public static final FieldDef WS_KEY = FieldDef.string("http.sec_websocket_key", "Sec-WebSocket-Key", "Sec-WebSocket-Key header");
    public static final FieldDef WS_ACCEPT = FieldDef.string("http.sec_websocket_accept", "Sec-WebSocket-Accept", "Sec-WebSocket-Accept header");
    public static final FieldDef WS_VERSION = FieldDef.string("http.sec_websocket_version", "Sec-WebSocket-Version", "Sec-WebSocket-Version header");
    public static final FieldDef WS_EXTENSIONS = FieldDef.string("http.sec_websocket_extensions", "Sec-WebSocket-Extensions", "Sec-WebSocket-Extensions header");
    public static final FieldDef WS_PROTOCOL = FieldDef.string("http.sec_websocket_protocol", "Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol header");
    public static final FieldDef HEADER = FieldDef.family("http.header", "Header",
            "Every header as http.header.<lower-case name, - as _>; repeated headers give a list");
    public static final FieldDef BODY = FieldDef.string("http.body", "Body",
            "Body as text (de-chunked, inflated) when textual, bounded by " + HttpLimits.MAX_BODY_TEXT);
    public static final FieldDef BODY_LENGTH = FieldDef.integer("http.body_length", "Body length", "Body bytes on the wire after de-chunking");

    /** Headers with a dedicated field, by lower-case name. */
    static final Map<String, FieldDef> HEADER_FIELDS = Map.ofEntries(
            Map.entry("host", HOST), Map.entry("user-agent", USER_AGENT), Map.entry("server", SERVER),
            Map.entry("connection", CONNECTION), Map.entry("content-type", CONTENT_TYPE),
            Map.entry("content-encoding", CONTENT_ENCODING), Map.entry("transfer-encoding", TRANSFER_ENCODING),
            Map.entry("upgrade", UPGRADE), Map.entry("sec-websocket-key", WS_KEY),
            Map.entry("sec-websocket-accept", WS_ACCEPT), Map.entry("sec-websocket-version", WS_VERSION),
            Map.entry("sec-websocket-extensions", WS_EXTENSIONS), Map.entry("sec-websocket-protocol", WS_PROTOCOL));

    public static final List<FieldDef> ALL = List.of(REQUEST, RESPONSE, METHOD, URI, REQUEST_VERSION, CODE, PHRASE,
            RESPONSE_VERSION, REQUEST_IN, HOST, USER_AGENT, SERVER, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE,
            CONTENT_ENCODING, TRANSFER_ENCODING, UPGRADE, WS_KEY, WS_ACCEPT, WS_VERSION, WS_EXTENSIONS, WS_PROTOCOL,
            HEADER, BODY, BODY_LENGTH);

    public static final AnomalyDef HEADER_TOO_LONG = AnomalyDef.warn("http.header.too_long", "Header section over " + HttpLimits.MAX_HEADER_BYTES + "; the rest is not kept");
    public static final AnomalyDef HEADER_TOO_MANY = AnomalyDef.warn("http.header.too_many", "More headers than " + HttpLimits.MAX_HEADERS + "; the rest is not kept");
    public static final AnomalyDef HEADER_MALFORMED = AnomalyDef.warn("http.header.malformed", "Header line without a colon");
    public static final AnomalyDef START_LINE_MALFORMED = AnomalyDef.warn("http.start_line.malformed", "Not a request or status line where one was expected");
    public static final AnomalyDef CONTENT_LENGTH_INVALID = AnomalyDef.warn("http.content_length.invalid", "Content-Length not a number, or conflicting values");
    public static final AnomalyDef TE_AND_LENGTH = AnomalyDef.warn("http.te_and_length", "Both Transfer-Encoding and Content-Length (request smuggling risk); chunked wins");
    public static final AnomalyDef CHUNK_INVALID = AnomalyDef.warn("http.chunk.invalid", "Chunk size line not hexadecimal");
    public static final AnomalyDef BODY_TRUNCATED = AnomalyDef.note("http.body.truncated", "Body over " + HttpLimits.MAX_BODY_KEPT + "; only the start is decoded");
    public static final AnomalyDef BODY_TEXT_TRUNCATED = AnomalyDef.note("http.body.text_truncated", "http.body cut at " + HttpLimits.MAX_BODY_TEXT + " characters");
    public static final AnomalyDef INFLATE_FAILED = AnomalyDef.warn("http.inflate.failed", "Content-Encoding body does not decode");
    public static final AnomalyDef INFLATE_TOO_BIG = AnomalyDef.error("http.inflate.too_big", "Body inflates past " + HttpLimits.MAX_INFLATED + " (decompression bomb?)");
    public static final AnomalyDef BAD_ACCEPT = AnomalyDef.warn("http.websocket.bad_accept", "Sec-WebSocket-Accept is not base64(SHA-1(key + GUID))");
    public static final AnomalyDef UPGRADE_UNSUPPORTED = AnomalyDef.note("http.upgrade.unsupported", "Switched to a protocol no dissector takes; the rest is not decoded");
    public static final AnomalyDef UPGRADE_HELD_TOO_MUCH = AnomalyDef.warn("http.upgrade.held_too_much", "Client bytes after an Upgrade request over " + HttpLimits.MAX_UPGRADE_HELD);
    public static final AnomalyDef PIPELINE_TOO_DEEP = AnomalyDef.warn("http.pipeline.too_deep", "More outstanding requests than " + HttpLimits.MAX_PENDING_REQUESTS);
    public static final AnomalyDef DESYNC = AnomalyDef.warn("http.desync", "Gap outside a body: message in progress dropped, scanning for the next start line");
    public static final AnomalyDef BODY_LOST = AnomalyDef.note("http.body.lost", "Gap inside a body; message boundaries kept");
    public static final AnomalyDef MESSAGE_INCOMPLETE = AnomalyDef.note("http.message.incomplete", "Conversation ended inside a message");

    public static final List<AnomalyDef> ANOMALIES = List.of(HEADER_TOO_LONG, HEADER_TOO_MANY, HEADER_MALFORMED,
            START_LINE_MALFORMED, CONTENT_LENGTH_INVALID, TE_AND_LENGTH, CHUNK_INVALID, BODY_TRUNCATED, BODY_TEXT_TRUNCATED, INFLATE_FAILED,
            INFLATE_TOO_BIG, BAD_ACCEPT, UPGRADE_UNSUPPORTED, UPGRADE_HELD_TOO_MUCH, PIPELINE_TOO_DEEP, DESYNC, BODY_LOST,
            MESSAGE_INCOMPLETE);

    public static final String SOURCE_NAME = "http";
    public static final Source SOURCE = new Source(SOURCE_NAME, "One row per HTTP/1.x request or response",
            List.of("frame.number", "tcp.stream", "http.request.method", "http.request.uri", "http.response.code",
                    "http.host", "http.content_type", "http.body_length"));
}
