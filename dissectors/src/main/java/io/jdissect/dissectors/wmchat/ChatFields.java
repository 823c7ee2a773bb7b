package io.jdissect.dissectors.wmchat;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Source;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fields of the workerman-chat dissector: every top-level JSON key is {@code chat.<key>} (the family), the keys
 * both protocol generations use are declared with their types, and {@code chat.from}/{@code chat.to} are
 * display names normalised across generations.
 */
public final class ChatFields {
    private ChatFields() { }

    /** The open set; FieldRegistry needs a family's id to equal its prefix. */
    public static final FieldDef KEY = FieldDef.family("chat", "JSON key",
            "Every top-level key of a chat message: strings, numbers (Long/Double), booleans; objects and arrays as compact JSON");

    public static final FieldDef TYPE = FieldDef.string("chat.type", "Type", "login, say, logout, user_list, ping, pong, error");
    public static final FieldDef CLIENT_ID = FieldDef.string("chat.client_id", "Client id", "Gateway client id (current protocol)");
    public static final FieldDef CLIENT_NAME = FieldDef.string("chat.client_name", "Client name", "Nickname (current protocol)");
    public static final FieldDef CLIENT_LIST = FieldDef.string("chat.client_list", "Client list", "JSON object client_id -> name, sent to a client that logs in");
    public static final FieldDef ROOM_ID = FieldDef.integer("chat.room_id", "Room", "Room number");
    public static final FieldDef CONTENT = FieldDef.string("chat.content", "Content", "Message text (server copies are HTML-escaped)");
    public static final FieldDef FROM_CLIENT_ID = FieldDef.string("chat.from_client_id", "From client id", "Sender id (current protocol)");
    public static final FieldDef FROM_CLIENT_NAME = FieldDef.string("chat.from_client_name", "From client name", "Sender name (current protocol)");
    public static final FieldDef TO_CLIENT_ID = FieldDef.string("chat.to_client_id", "To client id", "Recipient id or \"all\" (current protocol)");
    public static final FieldDef TO_CLIENT_NAME = FieldDef.string("chat.to_client_name", "To client name", "Recipient name as the sender's page shows it");
    public static final FieldDef TIME = FieldDef.string("chat.time", "Time", "Server time, Y-m-d H:i:s");
    public static final FieldDef UID = FieldDef.integer("chat.uid", "User id", "User id (2014 protocol)");
    public static final FieldDef NAME = FieldDef.string("chat.name", "Name", "Nickname (2014 protocol)");
    public static final FieldDef USER_LIST = FieldDef.string("chat.user_list", "User list", "JSON array of {uid,name} (2014 protocol)");
    public static final FieldDef FROM_UID = FieldDef.integer("chat.from_uid", "From uid", "Sender id (2014 protocol)");
    public static final FieldDef TO_UID = FieldDef.string("chat.to_uid", "To uid", "Recipient id or \"all\" (2014 protocol)");

    public static final FieldDef FROM = FieldDef.string("chat.from", "From", "Sender's display name, either protocol (names resolved from what the flow showed earlier)");
    public static final FieldDef TO = FieldDef.string("chat.to", "To", "Recipient's display name, or \"all\"");

    /** Keys declared with a type, by JSON key; their values are coerced to that type. */
    static final Map<String, FieldDef> KNOWN = List.of(TYPE, CLIENT_ID, CLIENT_NAME, CLIENT_LIST, ROOM_ID, CONTENT,
                    FROM_CLIENT_ID, FROM_CLIENT_NAME, TO_CLIENT_ID, TO_CLIENT_NAME, TIME, UID, NAME, USER_LIST, FROM_UID, TO_UID)
            .stream().collect(Collectors.toUnmodifiableMap(f -> f.id().substring("chat.".length()), Function.identity()));

    public static final List<FieldDef> ALL = List.of(KEY, TYPE, CLIENT_ID, CLIENT_NAME, CLIENT_LIST, ROOM_ID, CONTENT,
            FROM_CLIENT_ID, FROM_CLIENT_NAME, TO_CLIENT_ID, TO_CLIENT_NAME, TIME, UID, NAME, USER_LIST, FROM_UID, TO_UID,
            FROM, TO);

    public static final AnomalyDef INVALID_JSON = AnomalyDef.warn("chat.invalid_json", "Message looked like chat JSON but does not parse");
    public static final AnomalyDef UNKNOWN_TYPE = AnomalyDef.note("chat.unknown_type", "A \"type\" neither protocol generation uses");
    public static final AnomalyDef SAY_BEFORE_LOGIN = AnomalyDef.warn("chat.say_before_login", "Client spoke before logging in on this connection");
    public static final AnomalyDef UNKNOWN_RECIPIENT = AnomalyDef.note("chat.unknown_recipient", "Private message to an id this flow never named");
    public static final AnomalyDef TOO_BIG = AnomalyDef.warn("chat.message.too_big", "Message over " + ChatLimits.MAX_MESSAGE_BYTES + "; not parsed");

    public static final List<AnomalyDef> ANOMALIES = List.of(INVALID_JSON, UNKNOWN_TYPE, SAY_BEFORE_LOGIN, UNKNOWN_RECIPIENT, TOO_BIG);

    public static final String SOURCE_NAME = "chat";
    public static final Source SOURCE = new Source(SOURCE_NAME, "One row per workerman-chat message",
            List.of("frame.number", "tcp.stream", "websocket.direction", "chat.type", "chat.from", "chat.to", "chat.content"));

    /** Carried on chat rows too, so they can be filtered like the frames they came in. */
    static final String WS_DIRECTION = "websocket.direction";
}
