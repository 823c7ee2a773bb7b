package io.jdissect.dissectors.wmchat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.bytes.ByteView;
import io.jdissect.field.FieldType;

import java.io.IOException;

/** Bounded JSON parsing (Jackson with StreamReadConstraints) and the mapping of JSON values to row values. */
final class ChatJson {
    private final ObjectMapper mapper;
    private String problem = "";

    ChatJson(ChatLimits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxDocumentLength(limits.maxMessageBytes())
                .maxStringLength(limits.maxMessageBytes())
                .maxNumberLength(64)
                .build();
        this.mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(constraints).build());
    }

    /** The message as a JSON object, or null with {@link #problem()} set. */
    JsonNode parseObject(ByteView message) {
        try {
            JsonNode node = mapper.readTree(message.copyBytes());
            if (node != null && node.isObject()) return node;
            problem = "not a JSON object";
        } catch (JsonProcessingException e) {
            problem = firstLine(e.getOriginalMessage());
        } catch (IOException e) {
            problem = e.toString();
        }
        return null;
    }

    String problem() { return problem; }

    /** A JSON value as a row value: strings as String, integers as Long, other numbers as Double, booleans, objects and arrays as compact JSON. */
    static Object natural(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.asText();
        if (v.isNumber()) return v.doubleValue();
        if (v.isBoolean()) return v.booleanValue();
        return v.toString();
    }

    /** A JSON value coerced to a declared field type; a value that does not fit stays in its natural form. */
    static Object as(FieldType type, JsonNode v) {
        Object n = natural(v);
        if (n == null) return null;
        return switch (type) {
            case STRING -> n instanceof String ? n : v.isValueNode() ? v.asText() : n;
            case INTEGER -> {
                if (n instanceof String s && s.matches("-?\\d{1,18}")) yield Long.parseLong(s);
                yield n;
            }
            default -> n;
        };
    }

    /** Text of a scalar value (ids may be numbers or strings), or null. */
    static String text(JsonNode v) {
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid JSON";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
