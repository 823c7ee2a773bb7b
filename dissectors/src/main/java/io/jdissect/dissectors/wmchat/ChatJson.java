package io.jdissect.dissectors.wmchat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.bytes.ByteView;
import io.jdissect.field.FieldType;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Bounded JSON parsing (Jackson with StreamReadConstraints) and the mapping of JSON values to row values.
 * Messages are read with the streaming parser: each top-level value is materialised only when someone asked for
 * its key; the rest is tokenised (so invalid JSON is still found) and skipped. Scalars become row values
 * (String, Long, Double, Boolean); objects and arrays become {@link JsonNode}s.
 */
final class ChatJson {
    /**
     * One factory per set of limits for the whole process, costly to build and safe to share; it bounds its table
     * of field names ({@link ChatJsonFactory}). The mapper, only for object and array values someone asked for, is
     * made when first needed: initialising ObjectMapper costs 0.1 to 0.25 s of CPU, wasted on queries (such as
     * {@code count by chat.type}) that never need it.
     */
    private static final Map<ChatLimits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<JsonFactory, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

    private final JsonFactory factory;
    private ObjectMapper mapper;
    private final Members members = new Members();
    private final ByteView.ArrayReader<Members> reader = this::parse;
    private Predicate<String> keep;   // of the parse in progress
    private Enough enough;             // of the parse in progress, or null
    private String problem = "";

    ChatJson(ChatLimits limits) {
        this.factory = FACTORIES.computeIfAbsent(limits, ChatJson::factory);
    }

    private ObjectMapper mapper() {
        if (mapper == null) mapper = MAPPERS.computeIfAbsent(factory, ObjectMapper::new);
        return mapper;
    }

    private static JsonFactory factory(ChatLimits l) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(l.maxDepth())
                .maxDocumentLength(l.maxMessageBytes())
                .maxStringLength(l.maxMessageBytes())
                .maxNumberLength(64)
                .build();
        return new ChatJsonFactory((JsonFactoryBuilder) JsonFactory.builder().streamReadConstraints(constraints)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES));
    }

    /**
     * The top-level members of the message (in first-seen order, the last of duplicate keys wins), keeping the
     * values of keys {@code keep} accepts (the others map to {@link #SKIPPED}); null with {@link #problem()} set
     * when the message is not a JSON object. The result is reused by the next call.
     */
    Members parseObject(ByteView message, Predicate<String> keep) {
        return parseObject(message, keep, null);
    }

    /**
     * The parse may end early: once members for every field id of {@code enough} were read, the rest of the
     * message is neither read nor validated (a query that counts by chat.type needs the type, not the content).
     */
    record Enough(String[] fieldIds, java.util.function.Function<String, String> fieldIdOf) {
        Enough {
            if (fieldIds.length == 0 || fieldIds.length > 63) throw new IllegalArgumentException("1 to 63 field ids");
        }
    }

    Members parseObject(ByteView message, Predicate<String> keep, Enough enough) {
        this.keep = keep;
        this.enough = enough;
        try {
            return message.read(reader);   // Jackson reads the region in place: no copy of the message
        } finally {
            this.keep = null;
            this.enough = null;
        }
    }

    private Members parse(byte[] bytes, int offset, int length) {
        Members m = members;
        m.clear();
        if (enough != null && enough.fieldIds().length == 1 && enough.fieldIds()[0].equals(TYPE_ID)) {
            String type = LeadingType.read(bytes, offset, length);
            if (type != null) {   // all the query needs, without building a parser for it
                m.put("type", type);
                return m;
            }
        }
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                problem = "not a JSON object";
                return null;
            }
            JsonToken t;
            long seen = 0, all = enough == null ? -1 : (1L << enough.fieldIds().length) - 1;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (!keep.test(key)) {
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) p.skipChildren();
                    m.put(key, SKIPPED);
                    continue;
                }
                Object value = switch (v) {
                    case START_OBJECT, START_ARRAY -> mapper().readTree(p);
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : (Object) p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    default -> null;   // VALUE_NULL
                };
                m.put(key, value == null ? NULL : value);
                if (enough != null) {
                    String id = enough.fieldIdOf().apply(key);
                    String[] ids = enough.fieldIds();
                    for (int i = 0; i < ids.length; i++) if (ids[i].equals(id)) seen |= 1L << i;
                    if (seen == all) return m;   // everything the query needs is read: the rest is not parsed
                }
            }
            if (t != JsonToken.END_OBJECT) {
                problem = "not a JSON object";
                return null;
            }
            // one message is one object: a second one, or anything but white space after it, makes it invalid
            try {
                if (p.nextToken() == null) return m;
                problem = "more after the JSON object (at byte " + p.currentTokenLocation().getByteOffset() + ")";
            } catch (JsonProcessingException e) {
                problem = "more after the JSON object: " + firstLine(e.getOriginalMessage());
            }
            return null;
        } catch (JsonProcessingException e) {
            problem = firstLine(e.getOriginalMessage());
        } catch (IOException e) {
            problem = e.toString();
        }
        return null;
    }

    private static final String TYPE_ID = "chat.type";

    /** Stands for a member whose value was not kept, and for JSON null. */
    static final Object SKIPPED = new Object();
    static final Object NULL = new Object();

    String problem() { return problem; }

    /** A member value as a row value: strings, Long, Double, Boolean; objects and arrays as compact JSON; null for null or skipped. */
    static Object natural(Object v) {
        if (v == null || v == SKIPPED || v == NULL) return null;
        if (v instanceof JsonNode n) return n.toString();
        return v;
    }

    /** A member value coerced to a declared field type; a value that does not fit stays in its natural form. */
    static Object as(FieldType type, Object v) {
        Object n = natural(v);
        if (n == null) return null;
        return switch (type) {
            case STRING -> n instanceof String ? n : text(v) != null ? text(v) : n;
            case INTEGER -> {
                if (n instanceof String s && s.matches("-?\\d{1,18}")) yield Long.parseLong(s);
                yield n;
            }
            default -> n;
        };
    }

    /** Text of a scalar value (ids may be numbers or strings), or null. */
    static String text(Object v) {
        if (v == null || v == SKIPPED || v == NULL || v instanceof JsonNode) return null;
        return v.toString();
    }

    /** Text of a scalar node inside an object or array value, or null. */
    static String text(JsonNode v) {
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid JSON";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
