package io.jdissect.dissectors.wmchat;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.wmchat.model.ChatType;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * workerman-chat messages of one WebSocket connection, both protocol generations: one row per message with
 * every top-level key, plus sender and recipient names normalised through a per-connection {@link ChatDirectory}.
 */
public final class ChatDecoder implements MessageDecoder {
    private final StreamContext ctx;
    private final ChatLimits limits;
    private final ChatJson json;
    private final ChatDirectory directory;
    private boolean named;

    /**
     * What a JSON key stands for, worked out once per key for the whole process: one lookup per key and message
     * in a table every flow shares (so it stays in cache while thousands of flows interleave) instead of several
     * in per-flow maps, and no string building.
     *
     * @param fieldId   "chat." + key, or null for a key that makes no field id (empty)
     * @param known     the declared field, whose type the value is coerced to, or null
     * @param directory whether the name directory reads the key
     */
    private record KeyUse(String fieldId, FieldDef<?> known, boolean directory) { }

    private static final Map<String, KeyUse> KEY_USES = new java.util.concurrent.ConcurrentHashMap<>();
    /** Keys of the protocol are a few dozen; a flood of odd keys is worked out each time, not remembered. */
    private static final int MAX_KEY_USES = 1024;

    private static KeyUse use(String key) {
        KeyUse u = KEY_USES.get(key);
        if (u == null) {
            String k = fieldKey(key);
            String id = k.isEmpty() ? null : "chat." + k;
            u = new KeyUse(id, id == null ? null : ChatFields.KNOWN.get(k), ChatDirectory.KEYS.contains(key));
            if (KEY_USES.size() < MAX_KEY_USES) KEY_USES.put(key, u);
        }
        return u;
    }

    private boolean wanted(String key) {
        String id = use(key).fieldId();
        return id != null && ctx.wantsField(id);
    }

    private boolean rowsWanted;   // of the message being decoded
    private final Predicate<String> keepType = "type"::equals;
    private final Predicate<String> keepForRows = key -> key.equals("type") || wanted(key);
    private final Predicate<String> keepForPeople = key -> key.equals("type") || use(key).directory() || rowsWanted && wanted(key);

    private ChatJson.Enough enough;
    private boolean enoughKnown;

    /**
     * When JSON may be read only in part (chat.lazy_json): the field ids after which a message's parse may stop,
     * or null to read it all. Not when names or anomalies are wanted (they need all of it), nor when the query may
     * need any field. Worked out once: what the query needs does not change while it runs.
     */
    private ChatJson.Enough enough(boolean rows, boolean people) {
        if (!enoughKnown) {
            enoughKnown = true;
            java.util.Set<String> wanted = ctx.wantedFields();
            if (people || !limits.lazyJson() || rows && wanted == null) return null;
            java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(ChatFields.TYPE.id()));
            if (rows) {
                for (String id : wanted) {
                    if (id.startsWith("chat.") && !id.equals(ChatFields.TYPE.id()) && !id.equals(ChatFields.FROM.id())
                            && !id.equals(ChatFields.TO.id())) ids.add(id);
                }
            }
            if (ids.size() <= 63) enough = new ChatJson.Enough(ids.toArray(String[]::new), key -> use(key).fieldId());
        }
        return enough;
    }

    public ChatDecoder(StreamContext ctx, ChatLimits limits) {
        this.ctx = ctx;
        this.limits = limits;
        this.json = new ChatJson(limits);
        this.directory = new ChatDirectory(limits.maxNames());
    }

    public static ChatDecoder create(StreamContext ctx) {
        return new ChatDecoder(ctx, ctx.perAnalysis(ChatLimits.class, ChatLimits::from));
    }

    @Override
    public void onMessage(Direction dir, ByteView message) {
        if (!ChatDissector.looksLikeChat(message)) return;   // other text on the same connection is not ours
        if (message.length() > limits.maxMessageBytes()) {
            anomaly(ChatFields.TOO_BIG, dir, message.length() + " > " + limits.maxMessageBytes() + " bytes");
            return;
        }
        boolean rows = ctx.wants(ChatFields.SOURCE_NAME);
        rowsWanted = rows;
        // names are needed for chat.from / chat.to and for the anomalies that depend on who logged in
        boolean people = ctx.wants("anomalies") || rows && (ctx.wantsField(ChatFields.FROM.id()) || ctx.wantsField(ChatFields.TO.id()));
        Members m = json.parseObject(message, people ? keepForPeople : rows ? keepForRows : keepType, enough(rows, people));
        if (m == null) {
            anomaly(ChatFields.INVALID_JSON, dir, json.problem());
            return;
        }
        if (!named) {
            ctx.protocol("chat");
            named = true;
        }
        String wireType = ChatJson.text(m.get("type"));
        ChatType type = ChatType.of(wireType);
        if (type == ChatType.UNKNOWN) anomaly(ChatFields.UNKNOWN_TYPE, dir, "type " + wireType);
        String from = null, to = null;
        if (people) {
            // without the handshake (capture started late, or "decode as") the login may simply not have been captured
            if (type == ChatType.SAY && dir == Direction.C2S && !directory.loggedIn() && !ctx.handshake().isEmpty()) {
                anomaly(ChatFields.SAY_BEFORE_LOGIN, dir, "say with no login earlier on this connection");
            }
            directory.learn(dir, type, m);
            from = from(dir, type, m);
            to = type == ChatType.SAY ? to(dir, m) : null;
        }
        if (!rows) return;
        Row row = ctx.newRow(ChatFields.SOURCE_NAME, dir);
        row.put(ChatFields.WS_DIRECTION, dir.label());
        for (int i = 0; i < m.size(); i++) {
            Object value = m.value(i);
            if (value == ChatJson.SKIPPED) continue;
            KeyUse u = use(m.key(i));
            if (u.fieldId() == null) continue;
            row.put(u.fieldId(), u.known() != null ? ChatJson.as(u.known().type(), value) : ChatJson.natural(value));
        }
        row.put(ChatFields.FROM, from);
        row.put(ChatFields.TO, to);
        ctx.emit(row);
    }

    /** The sender's name: the login's own name, the client itself for what it sends, else the message's or the directory's. */
    private String from(Direction dir, ChatType type, Members m) {
        return switch (type) {
            case LOGIN -> ChatDirectory.firstText(m, "client_name", "name");
            case SAY, LOGOUT -> {
                if (dir == Direction.C2S) yield directory.self();
                String name = ChatJson.text(m.get("from_client_name"));
                if (name != null) yield name;
                String id = ChatDirectory.firstText(m, "from_client_id", "from_uid", "uid");
                yield directory.name(id) != null ? directory.name(id) : id;
            }
            default -> null;
        };
    }

    /** The recipient: "all", the name the sender's page gave, or the name this connection learned for the id. */
    private String to(Direction dir, Members m) {
        String id = ChatDirectory.firstText(m, "to_client_id", "to_uid");
        if (id == null) return null;
        if (id.equalsIgnoreCase("all")) return "all";
        String name = ChatJson.text(m.get("to_client_name"));
        if (name == null) name = directory.name(id);
        if (name == null) {
            anomaly(ChatFields.UNKNOWN_RECIPIENT, dir, "to " + id);
            return id;
        }
        return name;
    }

    /** JSON keys become id segments: lower case, anything outside [a-z0-9_] as '_'. */
    static String fieldKey(String jsonKey) {
        if (isPlain(jsonKey)) return jsonKey;
        String lower = jsonKey.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    private static boolean isPlain(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }

    private void anomaly(AnomalyDef def, Direction dir, String detail) { ctx.anomaly(def, dir, detail); }
}
