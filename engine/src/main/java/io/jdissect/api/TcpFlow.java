package io.jdissect.api;

import io.jdissect.spi.Row;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code flows}: one TCP conversation. (Named TcpFlow: the engine's own flow state is io.jdissect.flow.Flow.)
 *
 * @param stream   tcp.stream
 * @param client   flow.client, address:port
 * @param server   flow.server
 * @param protocol flow.protocol, the dissector that decoded it (null: none)
 * @param packets  flow.packets, both directions
 * @param bytes    flow.bytes, TCP payload bytes of both directions
 * @param state    flow.state
 * @param start    flow.start
 * @param duration flow.duration, seconds
 * @param row      every field
 */
public record TcpFlow(long stream, String client, String server, String protocol, Long packets, Long bytes, String state,
                      Instant start, Double duration, Row row) implements TypedRow {
    public static final List<String> COLUMNS = List.of("tcp.stream", "flow.client", "flow.server", "flow.protocol", "flow.packets",
            "flow.bytes", "flow.state", "flow.start", "flow.duration");
    private static final List<String> NAMES = List.of("stream", "client", "server", "protocol", "packets", "bytes", "state", "start", "duration");

    public static TcpFlow of(Row r) {
        return new TcpFlow(r.number("tcp.stream"), TypedRow.stringOf(r, "flow.client"), TypedRow.stringOf(r, "flow.server"),
                TypedRow.stringOf(r, "flow.protocol"), TypedRow.longOf(r, "flow.packets"), TypedRow.longOf(r, "flow.bytes"),
                TypedRow.stringOf(r, "flow.state"), TypedRow.timeOf(r, "flow.start"),
                r.get("flow.duration") instanceof Number n ? n.doubleValue() : null, r);
    }

    @Override public List<String> columns() { return COLUMNS; }

    @Override
    public String toString() {
        return TypedRow.brief("TcpFlow", NAMES, stream, client, server, protocol, packets, bytes, state, start, duration);
    }
}
