package io.jdissect.dissectors.websocket;

import java.util.Locale;
import java.util.Optional;

/**
 * The permessage-deflate parameters a server accepted (RFC 7692 section 7.1), read from the
 * Sec-WebSocket-Extensions header of its 101 response. Only the server's answer counts: a client offer the
 * server ignored (as workerman does) means no compression.
 */
public record PerMessageDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {
    public static final String TOKEN = "permessage-deflate";

    /** The accepted permessage-deflate extension in a Sec-WebSocket-Extensions value, if any. */
    public static Optional<PerMessageDeflate> parse(String extensions) {
        if (extensions == null) return Optional.empty();
        for (String extension : extensions.split(",")) {
            String[] params = extension.split(";");
            if (!params[0].trim().equalsIgnoreCase(TOKEN)) continue;
            boolean serverNct = false, clientNct = false;
            int serverBits = 15, clientBits = 15;
            for (int i = 1; i < params.length; i++) {
                String[] kv = params[i].split("=", 2);
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                String value = kv.length > 1 ? kv[1].trim().replace("\"", "") : "";
                switch (key) {
                    case "server_no_context_takeover" -> serverNct = true;
                    case "client_no_context_takeover" -> clientNct = true;
                    case "server_max_window_bits" -> serverBits = bits(value, serverBits);
                    case "client_max_window_bits" -> clientBits = bits(value, clientBits);
                    default -> { }   // unknown parameters would make a real endpoint decline; we only watch
                }
            }
            return Optional.of(new PerMessageDeflate(serverNct, clientNct, serverBits, clientBits));
        }
        return Optional.empty();
    }

    /** Whether the sender of {@code fromClient} frames resets its compressor after every message. */
    public boolean noContextTakeover(boolean fromClient) {
        return fromClient ? clientNoContextTakeover : serverNoContextTakeover;
    }

    private static int bits(String v, int dflt) {
        try {
            int b = Integer.parseInt(v);
            return b >= 8 && b <= 15 ? b : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
