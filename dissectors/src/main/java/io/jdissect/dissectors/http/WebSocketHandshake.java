package io.jdissect.dissectors.http;

import io.jdissect.dissectors.http.model.Header;
import io.jdissect.dissectors.http.model.HttpHead;
import io.jdissect.spi.HandshakeHeader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.Map;

/**
 * The HTTP side of an Upgrade: the RFC 6455 accept check, and the handshake map handed to the next dissector,
 * with the headers a receiving dissector reads published as constants.
 */
public final class WebSocketHandshake {
    /** The extensions the server accepted (permessage-deflate and its parameters). */
    public static final HandshakeHeader RESPONSE_EXTENSIONS = HandshakeHeader.response("Sec-WebSocket-Extensions");

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
     * Every header of both messages, keyed as {@link HandshakeHeader} says ("response.sec-websocket-extensions"),
     * repeated headers joined with ", ".
     */
    static Map<String, String> map(HttpHead request, HttpHead response) {
        Map<String, String> m = new LinkedHashMap<>();
        if (request != null) put(m, request, HandshakeHeader::request);
        put(m, response, HandshakeHeader::response);
        return m;
    }

    private static void put(Map<String, String> m, HttpHead head, Function<String, HandshakeHeader> key) {
        for (Header h : head.headers()) {
            m.merge(key.apply(h.name()).key(), h.value(), (a, b) -> a + ", " + b);
        }
    }
}
