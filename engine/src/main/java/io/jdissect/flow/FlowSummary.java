package io.jdissect.flow;

/**
 * What the flows table keeps of a finished conversation: its row values and nothing else, so a finished
 * flow's reassembly buffers and decoder state can be released long before the capture ends.
 *
 * @param packets    per direction (index = Direction.index()), retransmissions included
 * @param tcpBytes   tcp.len summed per direction, retransmissions included
 * @param reassembled bytes delivered in stream order per direction (each byte once, gaps excluded)
 * @param gapBytes   bytes never captured, both directions
 */
public record FlowSummary(long stream, long firstFrame, Endpoint client, Endpoint server, String protocol, String protocols,
                          long[] packets, long[] tcpBytes, long[] reassembled, long gapBytes, FlowState state,
                          long startNanos, long endNanos) {
    public static FlowSummary of(Flow f) {
        return new FlowSummary(f.stream, f.firstFrame, f.client, f.server, f.protocol, f.protocols, new long[]{f.packets(0), f.packets(1)},
                new long[]{f.bytes(0), f.bytes(1)}, new long[]{f.reassembly(0).deliveredBytes(), f.reassembly(1).deliveredBytes()},
                f.reassembly(0).gapBytes() + f.reassembly(1).gapBytes(), f.state, f.startNanos, f.lastNanos);
    }
}
