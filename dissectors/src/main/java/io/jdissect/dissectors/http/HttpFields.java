package io.jdissect.dissectors.http;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Source;

import java.util.List;
import java.util.Map;

/** Fields (Wireshark's names), anomalies and the source of the HTTP/1.x dissector. */
public final class HttpFields {
    private HttpFields() { }

    private static final Declarations DECL = HttpDissector.DECL;

    public static final FieldDef<Boolean> REQUEST = DECL.bool("request", "Request", "The row is a request");
    public static final FieldDef<Boolean> RESPONSE = DECL.bool("response", "Response", "The row is a response");
    public static final FieldDef<String> METHOD = DECL.string("request.method", "Request Method", "GET, POST, ...");
    public static final FieldDef<String> URI = DECL.string("request.uri", "Request URI", "Request target as sent");
    public static final FieldDef<String> REQUEST_VERSION = DECL.string("request.version", "Request Version", "HTTP/1.1, HTTP/1.0");
    public static final FieldDef<Long> CODE = DECL.integer("response.code", "Status Code", "Response status code");
    public static final FieldDef<String> PHRASE = DECL.string("response.phrase", "Response Phrase", "Reason phrase as sent (may be empty or unusual)");
    public static final FieldDef<String> RESPONSE_VERSION = DECL.string("response.version", "Response Version", "HTTP/1.1, HTTP/1.0");
    public static final FieldDef<Long> REQUEST_IN = DECL.integer("request_in", "Request in frame", "Frame of the request this response answers");
    public static final FieldDef<String> HOST = DECL.string("host", "Host", "Host header");
    public static final FieldDef<String> USER_AGENT = DECL.string("user_agent", "User-Agent", "User-Agent header");
    public static final FieldDef<String> SERVER = DECL.string("server", "Server", "Server header");
    public static final FieldDef<String> CONNECTION = DECL.string("connection", "Connection", "Connection header");
    public static final FieldDef<Long> CONTENT_LENGTH = DECL.integer("content_length", "Content length", "Content-Length header, parsed");
    public static final FieldDef<String> CONTENT_TYPE = DECL.string("content_type", "Content-Type", "Content-Type header");
    public static final FieldDef<String> CONTENT_ENCODING = DECL.string("content_encoding", "Content-Encoding", "Content-Encoding header");
    public static final FieldDef<String> TRANSFER_ENCODING = DECL.string("transfer_encoding", "Transfer-Encoding", "Transfer-Encoding header");
    public static final FieldDef<String> UPGRADE = DECL.string("upgrade", "Upgrade", "Upgrade header");
    public static final FieldDef<String> WS_KEY = DECL.string("sec_websocket_key", "Sec-WebSocket-Key", "Sec-WebSocket-Key header");
    public static final FieldDef<String> WS_ACCEPT = DECL.string("sec_websocket_accept", "Sec-WebSocket-Accept", "Sec-WebSocket-Accept header");
    public static final FieldDef<String> WS_VERSION = DECL.string("sec_websocket_version", "Sec-WebSocket-Version", "Sec-WebSocket-Version header");
    public static final FieldDef<String> WS_EXTENSIONS = DECL.string("sec_websocket_extensions", "Sec-WebSocket-Extensions", "Sec-WebSocket-Extensions header");
    public static final FieldDef<String> WS_PROTOCOL = DECL.string("sec_websocket_protocol", "Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol header");
    public static final FieldDef<Object> HEADER = DECL.family("header", "Header",
            "Every header as http.header.<lower-case name, - as _>; repeated headers give a list");
    public static final FieldDef<String> BODY = DECL.string("body", "Body",
            "Body as text (de-chunked, inflated) when textual, bounded by " + HttpLimits.MAX_BODY_TEXT);
    public static final FieldDef<Long> BODY_LENGTH = DECL.integer("body_length", "Body length", "Body bytes on the wire after de-chunking");

    /** Headers with a dedicated field, by lower-case name. */
    static final Map<String, FieldDef<String>> HEADER_FIELDS = Map.ofEntries(
            Map.entry("host", HOST), Map.entry("user-agent", USER_AGENT), Map.entry("server", SERVER),
            Map.entry("connection", CONNECTION), Map.entry("content-type", CONTENT_TYPE),
            Map.entry("content-encoding", CONTENT_ENCODING), Map.entry("transfer-encoding", TRANSFER_ENCODING),
            Map.entry("upgrade", UPGRADE), Map.entry("sec-websocket-key", WS_KEY),
            Map.entry("sec-websocket-accept", WS_ACCEPT), Map.entry("sec-websocket-version", WS_VERSION),
            Map.entry("sec-websocket-extensions", WS_EXTENSIONS), Map.entry("sec-websocket-protocol", WS_PROTOCOL));

    public static final List<FieldDef<?>> ALL = DECL.fields();

    public static final AnomalyDef HEADER_TOO_LONG = DECL.warn("header.too_long", "Header section over " + HttpLimits.MAX_HEADER_BYTES + "; the rest is not kept");
    public static final AnomalyDef HEADER_TOO_MANY = DECL.warn("header.too_many", "More headers than " + HttpLimits.MAX_HEADERS + "; the rest is not kept");
    public static final AnomalyDef HEADER_MALFORMED = DECL.warn("header.malformed", "Header line without a colon");
    public static final AnomalyDef START_LINE_MALFORMED = DECL.warn("start_line.malformed", "Not a request or status line where one was expected");
    public static final AnomalyDef CONTENT_LENGTH_INVALID = DECL.warn("content_length.invalid", "Content-Length not a number, or conflicting values");
    public static final AnomalyDef TE_AND_LENGTH = DECL.warn("te_and_length", "Both Transfer-Encoding and Content-Length (request smuggling risk); chunked wins");
    public static final AnomalyDef CHUNK_INVALID = DECL.warn("chunk.invalid", "Chunk size line not hexadecimal");
    public static final AnomalyDef BODY_TRUNCATED = DECL.note("body.truncated", "Body over " + HttpLimits.MAX_BODY_KEPT + "; only the start is decoded");
    public static final AnomalyDef BODY_TEXT_TRUNCATED = DECL.note("body.text_truncated", "http.body cut at " + HttpLimits.MAX_BODY_TEXT + " characters");
    public static final AnomalyDef INFLATE_FAILED = DECL.warn("inflate.failed", "Content-Encoding body does not decode");
    public static final AnomalyDef INFLATE_TOO_BIG = DECL.error("inflate.too_big", "Body inflates past " + HttpLimits.MAX_INFLATED + " (decompression bomb?)");
    public static final AnomalyDef CODING_UNSUPPORTED = DECL.note("content_encoding.unsupported", "A Content-Encoding coding jdissect cannot undo (br, zstd, compress, an unknown name): no http.body");
    public static final AnomalyDef BAD_ACCEPT = DECL.warn("websocket.bad_accept", "Sec-WebSocket-Accept is not base64(SHA-1(key + GUID))");
    public static final AnomalyDef UPGRADE_UNSUPPORTED = DECL.note("upgrade.unsupported", "Switched to a protocol no dissector takes; the rest is not decoded");
    public static final AnomalyDef UPGRADE_HELD_TOO_MUCH = DECL.warn("upgrade.held_too_much", "Client bytes after an Upgrade request over " + HttpLimits.MAX_UPGRADE_HELD);
    public static final AnomalyDef PIPELINE_TOO_DEEP = DECL.warn("pipeline.too_deep", "More outstanding requests than " + HttpLimits.MAX_PENDING_REQUESTS);
    public static final AnomalyDef DESYNC = DECL.warn("desync", "Gap outside a body: message in progress dropped, scanning for the next start line");
    public static final AnomalyDef BODY_LOST = DECL.note("body.lost", "Gap inside a body; message boundaries kept");
    public static final AnomalyDef HELD_TOTAL_EXCEEDED = DECL.warn("held_total_exceeded", "HTTP buffers of all flows over " + HttpLimits.MAX_HELD_TOTAL + "; bytes not kept");
    public static final AnomalyDef MESSAGE_INCOMPLETE = DECL.note("message.incomplete", "Conversation ended inside a message");
    public static final AnomalyDef BODY_CLOSE_NOT_SEEN = DECL.note("body.close_not_seen",
            "A body delimited by the connection's close ended without the sender's FIN (the capture ended, or a reset or the flow table ended the conversation): it may be cut short");

    public static final List<AnomalyDef> ANOMALIES = DECL.anomalies();

    public static final String SOURCE_NAME = "http";
    public static final Source SOURCE = new Source(SOURCE_NAME, "One row per HTTP/1.x request or response",
            List.of("frame.number", "tcp.stream", METHOD.id(), URI.id(), CODE.id(), HOST.id(), CONTENT_TYPE.id(), BODY_LENGTH.id()));
}
