package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.FlowHeuristic;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;

/** For the fuzz targets: the mid-stream probe run on both directions' bytes, and the decoder it would choose. */
public final class WebSocketFuzzAccess {
    private WebSocketFuzzAccess() { }

    /** The decoder the probe picks for these bytes, or the "decode as" one (no handshake) when it declines. */
    public static StreamDecoder probedDecoder(StreamContext ctx, ByteView c2s, ByteView s2c) {
        FlowHeuristic.Verdict v = MidstreamProbe.judge(new FlowHeuristic.Probe(c2s, s2c, true, true));
        if (v instanceof FlowHeuristic.Accept a) return a.factory().create(ctx);
        return WebSocketDecoder.create(ctx);
    }
}
