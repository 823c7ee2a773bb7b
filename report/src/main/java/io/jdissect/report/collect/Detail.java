package io.jdissect.report.collect;

import io.jdissect.field.FieldRegistry;
import io.jdissect.output.Values;
import io.jdissect.spi.Row;

import java.util.LinkedHashMap;
import java.util.Map;

/** A row's fields as text for the frame popup, each value cut to a bounded length. */
public record Detail(long frame, String source, Map<String, String> fields) {
    private static final int MAX_VALUE = 120;

    /** Fields that place a row (frame, time, conversation, direction): a popup for a frame whose whole row is not kept. */
    private static final java.util.List<String> PLACE = java.util.List.of("frame.number", "frame.time", "frame.time_relative",
            "tcp.stream", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "websocket.direction", "chat.type", "chat.from", "chat.to");

    public static Detail place(Row row, FieldRegistry registry) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : PLACE) if (row.has(id)) m.put(id, Values.text(registry, id, row.get(id)));
        return new Detail(row.number("frame.number"), row.source(), m);
    }

    public static Detail of(Row row, FieldRegistry registry) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            String v = Values.text(registry, e.getKey(), e.getValue());
            m.put(e.getKey(), v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE) + "… [" + v.length() + " chars]");
        }
        return new Detail(row.number("frame.number"), row.source(), m);
    }
}
