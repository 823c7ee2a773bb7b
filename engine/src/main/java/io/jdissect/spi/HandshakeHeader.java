package io.jdissect.spi;

import java.util.Locale;
import java.util.Map;

/**
 * A header of the handshake one dissector hands to the next on an upgrade ({@link StreamContext#upgrade}), as a
 * constant of the dissector that publishes it (HTTP: {@code response.sec-websocket-extensions}), so the receiving
 * side does not spell the key again.
 *
 * @param key "request." or "response." and the lower-case header name: the key in the handshake map
 */
public record HandshakeHeader(String key) {
    private static final String REQUEST = "request.";
    private static final String RESPONSE = "response.";

    /** A header of the message that asked for the upgrade. */
    public static HandshakeHeader request(String name) { return new HandshakeHeader(REQUEST + name.toLowerCase(Locale.ROOT)); }

    /** A header of the message that agreed to it. */
    public static HandshakeHeader response(String name) { return new HandshakeHeader(RESPONSE + name.toLowerCase(Locale.ROOT)); }

    /** This header's value in {@code handshake} (repeated headers joined with ", "), or null. */
    public String in(Map<String, String> handshake) { return handshake.get(key); }

    @Override
    public String toString() { return key; }
}
