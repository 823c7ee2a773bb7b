package io.jdissect.dissectors.wmchat;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.dissectors.websocket.WebSocketFields;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Declarations;
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

    private static final Declarations DECL = ChatDissector.DECL;

    /** The open set {@code chat.<key>}. */
    public static final FieldDef<Object> KEY = DECL.family("", "JSON key",
            "Every top-level key of a chat message: strings, numbers (Long/Double), booleans; objects and arrays as compact JSON");

    public static final FieldDef<String> TYPE = DECL.string("type", "Type", "login, say, logout, user_list, ping, pong, error");
    public static final FieldDef<String> CLIENT_ID = DECL.string("client_id", "Client id", "Gateway client id (current protocol)");
    public static final FieldDef<String> CLIENT_NAME = DECL.string("client_name", "Client name", "Nickname (current protocol)");
    public static final FieldDef<String> CLIENT_LIST = DECL.string("client_list", "Client list", "JSON object client_id -> name, sent to a client that logs in");
    public static final FieldDef<Long> ROOM_ID = DECL.integer("room_id", "Room", "Room number");
    public static final FieldDef<String> CONTENT = DECL.string("content", "Content", "Message text (server copies are HTML-escaped)");
    public static final FieldDef<String> FROM_CLIENT_ID = DECL.string("from_client_id", "From client id", "Sender id (current protocol)");
    public static final FieldDef<String> FROM_CLIENT_NAME = DECL.string("from_client_name", "From client name", "Sender name (current protocol)");
    public static final FieldDef<String> TO_CLIENT_ID = DECL.string("to_client_id", "To client id", "Recipient id or \"all\" (current protocol)");
    public static final FieldDef<String> TO_CLIENT_NAME = DECL.string("to_client_name", "To client name", "Recipient name as the sender's page shows it");
    public static final FieldDef<String> TIME = DECL.string("time", "Time", "Server time, Y-m-d H:i:s");
    public static final FieldDef<Long> UID = DECL.integer("uid", "User id", "User id (2014 protocol)");
    public static final FieldDef<String> NAME = DECL.string("name", "Name", "Nickname (2014 protocol)");
    public static final FieldDef<String> USER_LIST = DECL.string("user_list", "User list", "JSON array of {uid,name} (2014 protocol)");
    public static final FieldDef<Long> FROM_UID = DECL.integer("from_uid", "From uid", "Sender id (2014 protocol)");
    public static final FieldDef<String> TO_UID = DECL.string("to_uid", "To uid", "Recipient id or \"all\" (2014 protocol)");

    public static final FieldDef<String> FROM = DECL.string("from", "From", "Sender's display name, either protocol (names resolved from what the flow showed earlier)");
    public static final FieldDef<String> TO = DECL.string("to", "To", "Recipient's display name, or \"all\"");

    /** Carried on chat rows too, so they can be filtered like the frames they came in. */
    static final FieldDef<String> WS_DIRECTION = DECL.uses(WebSocketFields.DIRECTION);

    /** Keys declared with a type, by JSON key; their values are coerced to that type. */
    static final Map<String, FieldDef<?>> KNOWN = List.of(TYPE, CLIENT_ID, CLIENT_NAME, CLIENT_LIST, ROOM_ID, CONTENT,
                    FROM_CLIENT_ID, FROM_CLIENT_NAME, TO_CLIENT_ID, TO_CLIENT_NAME, TIME, UID, NAME, USER_LIST, FROM_UID, TO_UID)
            .stream().collect(Collectors.toUnmodifiableMap(f -> f.id().substring(DECL.prefix().length() + 1), Function.identity()));

    public static final List<FieldDef<?>> ALL = DECL.fields();

    public static final AnomalyDef INVALID_JSON = DECL.warn("invalid_json", "Message looked like chat JSON but does not parse");
    public static final AnomalyDef UNKNOWN_TYPE = DECL.note("unknown_type", "A \"type\" neither protocol generation uses");
    public static final AnomalyDef SAY_BEFORE_LOGIN = DECL.warn("say_before_login", "Client spoke before logging in on this connection");
    public static final AnomalyDef UNKNOWN_RECIPIENT = DECL.note("unknown_recipient", "Private message to an id this flow never named");
    public static final AnomalyDef TOO_BIG = DECL.warn("message.too_big", "Message over " + ChatLimits.MAX_MESSAGE_BYTES + "; not parsed");

    public static final List<AnomalyDef> ANOMALIES = DECL.anomalies();

    public static final String SOURCE_NAME = "chat";
    public static final Source SOURCE = new Source(SOURCE_NAME, "One row per workerman-chat message",
            List.of("frame.number", "tcp.stream", WS_DIRECTION.id(), TYPE.id(), FROM.id(), TO.id(), CONTENT.id()));

}
