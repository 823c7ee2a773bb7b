package io.jdissect.dissectors.http;

import io.jdissect.dissectors.http.model.Header;
import io.jdissect.dissectors.http.model.HttpHead;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The HTTP side of an Upgrade: the RFC 6455 accept check, and the handshake map handed to the next dissector. */
final class WebSocketHandshake {
    /** RFC 6455 section 1.3. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketHandshake() { }

    /** base64(SHA-1(key + GUID)), the Sec-WebSocket-Accept a server must answer {@code key} with. */
    static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.strip() + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Every header of both messages, keyed "request.&lt;lower-case name&gt;" and "response.&lt;lower-case name&gt;"
     * (repeated headers joined with ", "), e.g. "response.sec-websocket-extensions".
     */
    static Map<String, String> map(HttpHead request, HttpHead response) {
        Map<String, String> m = new LinkedHashMap<>();
        if (request != null) put(m, "request.", request);
        put(m, "response.", response);
        return m;
    }

    private static void put(Map<String, String> m, String prefix, HttpHead head) {
        for (Header h : head.headers()) {
            m.merge(prefix + h.name().toLowerCase(Locale.ROOT), h.value(), (a, b) -> a + ", " + b);
        }
    }
}
