package io.jdissect.flow;

/**
 * What the flows table keeps of a finished conversation: its row values and nothing else, so a finished
 * flow's reassembly buffers and decoder state can be released long before the capture ends.
 *
 * @param packets    per direction (0 from the client, 1 from the server), retransmissions included
 * @param tcpBytes   tcp.len summed per direction, retransmissions included
 * @param reassembled bytes delivered in stream order per direction (each byte once, gaps excluded)
 * @param gapBytes   bytes never captured, both directions
 */
public record FlowSummary(long stream, long firstFrame, Endpoint client, Endpoint server, String protocol, String protocols,
                          long[] packets, long[] tcpBytes, long[] reassembled, long gapBytes, FlowState state,
                          long startNanos, long endNanos) {
    /** @param reassembled bytes its owner delivered in stream order per direction; {@code gapBytes} likewise */
    public static FlowSummary of(Flow f, long[] reassembled, long gapBytes) {
        return new FlowSummary(f.stream, f.firstFrame, f.client, f.server, f.protocol, f.protocols, new long[]{f.packets(0), f.packets(1)},
                new long[]{f.bytes(0), f.bytes(1)}, reassembled, gapBytes, f.state, f.startNanos, f.lastNanos);
    }
}
