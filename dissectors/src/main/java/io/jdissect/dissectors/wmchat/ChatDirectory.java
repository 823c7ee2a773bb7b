package io.jdissect.dissectors.wmchat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdissect.dissectors.wmchat.model.ChatType;
import io.jdissect.spi.Direction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is who on one WebSocket connection: client ids to names, learned from the messages seen so far
 * (logins, client_list / user_list, says), and the connected client's own name. Bounded: the oldest ids go first.
 */
final class ChatDirectory {
    /** The top-level keys {@link #learn} and the sender/recipient lookups read. */
    static final java.util.Set<String> KEYS = java.util.Set.of("type", "client_name", "name", "client_id", "uid", "client_list",
            "user_list", "from_client_id", "from_client_name", "from_uid", "to_client_id", "to_uid", "to_client_name");

    private final Map<String, String> names;
    private String self;
    private boolean loggedIn;

    ChatDirectory(int maxNames) {
        this.names = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) { return size() > maxNames; }
        };
    }

    /** The connected client's name, once it logged in (or the server greeted it). */
    String self() { return self; }

    /** Whether the client sent a login on this connection. */
    boolean loggedIn() { return loggedIn; }

    String name(String id) { return id == null ? null : names.get(id); }

    /** @param m the message's top-level members, as {@link ChatJson#parseObject} returns them */
    void learn(Direction dir, ChatType type, Members m) {
        switch (type) {
            case LOGIN -> {
                String name = firstText(m, "client_name", "name");
                put(firstText(m, "client_id", "uid"), name);
                if (dir == Direction.C2S) {
                    loggedIn = true;
                    if (name != null) self = name;
                }
                Object list = m.get("client_list");
                if (list != null) {   // present, even as null or a scalar
                    if (list instanceof JsonNode n) n.properties().forEach(e -> put(e.getKey(), ChatJson.text(e.getValue())));
                    if (self == null) self = name;   // the greeting with client_list goes to the one logging in
                }
            }
            case USER_LIST -> {
                if (m.get("user_list") instanceof JsonNode list) {
                    if (list.isArray()) {
                        for (JsonNode u : list) put(ChatJson.text(u.get("uid")), ChatJson.text(u.get("name")));
                    } else if (list.isObject()) {
                        list.properties().forEach(e -> put(e.getKey(), ChatJson.text(e.getValue())));
                    }
                }
            }
            case SAY -> put(ChatJson.text(m.get("from_client_id")), ChatJson.text(m.get("from_client_name")));
            default -> { }
        }
    }

    private void put(String id, String name) {
        if (id != null && name != null) names.put(id, name);
    }

    /** The text of {@code first} in {@code m}, else of {@code second}. */
    static String firstText(Members m, String first, String second) {
        String v = ChatJson.text(m.get(first));
        return v != null ? v : ChatJson.text(m.get(second));
    }

    /** The text of the first of three keys present in {@code m}. */
    static String firstText(Members m, String first, String second, String third) {
        String v = firstText(m, first, second);
        return v != null ? v : ChatJson.text(m.get(third));
    }
}
