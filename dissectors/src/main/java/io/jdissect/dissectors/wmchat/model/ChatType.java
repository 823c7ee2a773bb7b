package io.jdissect.dissectors.wmchat.model;

import java.util.Locale;

/**
 * The "type" of a workerman-chat message, across both protocol generations: the 2014 one (uid, name,
 * user_list, from_uid/to_uid) and the current one (client_id, client_name, client_list, from_client_*).
 * Anything else is {@link #UNKNOWN}, still decoded.
 */
public enum ChatType {
    LOGIN, SAY, LOGOUT, USER_LIST, PING, PONG, ERROR, UNKNOWN;

    public static ChatType of(String wire) {
        if (wire == null) return UNKNOWN;
        ChatType exact = exact(wire);   // the wire's types are lower case: no lower-cased copy for them
        return exact != UNKNOWN ? exact : exact(wire.toLowerCase(Locale.ROOT));
    }

    private static ChatType exact(String wire) {
        return switch (wire) {
            case "login" -> LOGIN;
            case "say" -> SAY;
            case "logout" -> LOGOUT;
            case "user_list" -> USER_LIST;
            case "ping" -> PING;
            case "pong" -> PONG;
            case "error" -> ERROR;
            default -> UNKNOWN;
        };
    }
}
