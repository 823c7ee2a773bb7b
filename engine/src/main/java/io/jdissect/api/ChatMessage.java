package io.jdissect.api;

import io.jdissect.spi.Row;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code chat}: one workerman-chat message.
 *
 * @param frame     frame.number of the packet that completed it
 * @param time      frame.time
 * @param stream    tcp.stream
 * @param direction websocket.direction: c2s is what a user's page sent, s2c a copy the server sent
 * @param type      chat.type (login, say, logout, ...)
 * @param from      chat.from, the sender's name
 * @param to        chat.to, the recipient's name or "all"
 * @param content   chat.content
 * @param row       every field (every JSON key is chat.KEY)
 */
public record ChatMessage(long frame, Instant time, long stream, String direction, String type, String from, String to,
                          String content, Row row) implements TypedRow {
    public static final List<String> COLUMNS = List.of("frame.number", "frame.time", "tcp.stream", "websocket.direction", "chat.type",
            "chat.from", "chat.to", "chat.content");
    private static final List<String> NAMES = List.of("frame", "time", "stream", "direction", "type", "from", "to", "content");

    public static ChatMessage of(Row r) {
        return new ChatMessage(r.number("frame.number"), TypedRow.timeOf(r, "frame.time"), r.number("tcp.stream"),
                TypedRow.stringOf(r, "websocket.direction"), TypedRow.stringOf(r, "chat.type"), TypedRow.stringOf(r, "chat.from"),
                TypedRow.stringOf(r, "chat.to"), TypedRow.stringOf(r, "chat.content"), r);
    }

    @Override public List<String> columns() { return COLUMNS; }

    @Override
    public String toString() {
        return TypedRow.brief("ChatMessage", NAMES, frame, time, stream, direction, type, from, to, content);
    }
}
