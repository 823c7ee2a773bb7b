package io.jdissect.dissectors.websocket.model;

import java.util.Map;

/** RFC 6455 section 7.4.1 close codes, named as Wireshark shows them. */
public final class WsCloseStatus {
    public static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(1000L, "Normal Closure"),
            Map.entry(1001L, "Going Away"),
            Map.entry(1002L, "Protocol error"),
            Map.entry(1003L, "Unsupported Data"),
            Map.entry(1005L, "No Status Rcvd"),
            Map.entry(1006L, "Abnormal Closure"),
            Map.entry(1007L, "Invalid frame payload data"),
            Map.entry(1008L, "Policy Violation"),
            Map.entry(1009L, "Message Too Big"),
            Map.entry(1010L, "Mandatory Ext."),
            Map.entry(1011L, "Internal Server"),
            Map.entry(1015L, "TLS handshake"));

    private WsCloseStatus() { }
}
