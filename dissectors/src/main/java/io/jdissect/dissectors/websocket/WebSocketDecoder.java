package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.http.WebSocketHandshake;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;

import java.util.Map;

/**
 * One WebSocket conversation: a {@link DirectionDecoder} per direction, configured from the HTTP Upgrade
 * handshake (permessage-deflate is on only if the server's 101 accepted it).
 */
public final class WebSocketDecoder implements StreamDecoder {
    private final StreamContext ctx;
    private final DirectionDecoder[] directions = new DirectionDecoder[2];
    private boolean named;

    /** After an HTTP Upgrade: {@code handshake} tells the negotiated extensions (none when it does not name any). */
    public WebSocketDecoder(StreamContext ctx, WebSocketLimits limits, Map<String, String> handshake) {
        this(ctx, limits, handshake, false, false, 0, 0);
    }

    /**
     * @param skipC2s, skipS2c bytes before the first frame boundary of each direction (capture started inside a
     *                         frame); used only without a handshake
     */
    private WebSocketDecoder(StreamContext ctx, WebSocketLimits limits, Map<String, String> handshake, boolean midstream,
                             boolean recognised, long skipC2s, long skipS2c) {
        this.ctx = ctx;
        if (midstream) {   // no handshake seen: compression is unknown until a frame says RSV1
            directions[0] = DirectionDecoder.midstream(ctx, Direction.C2S, limits, skipC2s, recognised);
            directions[1] = DirectionDecoder.midstream(ctx, Direction.S2C, limits, skipS2c, recognised);
        } else {
            PerMessageDeflate deflate = PerMessageDeflate.parse(WebSocketHandshake.RESPONSE_EXTENSIONS.in(handshake)).orElse(null);
            for (Direction d : Direction.values()) directions[d.index()] = new DirectionDecoder(ctx, d, limits, deflate);
        }
    }

    /** After an HTTP Upgrade (the handshake tells about extensions), or forced by "decode as" (no handshake). */
    public static WebSocketDecoder create(StreamContext ctx) {
        Map<String, String> handshake = ctx.handshake();
        return new WebSocketDecoder(ctx, ctx.perAnalysis(WebSocketLimits.class, WebSocketLimits::from), handshake, handshake.isEmpty(), false, 0, 0);
    }

    /** Found by {@link MidstreamProbe}: no handshake, frames start {@code skip} bytes into each direction. */
    static WebSocketDecoder midstream(StreamContext ctx, long skipC2s, long skipS2c) {
        return new WebSocketDecoder(ctx, ctx.perAnalysis(WebSocketLimits.class, WebSocketLimits::from), Map.of(), true, true, skipC2s, skipS2c);
    }

    @Override
    public void onData(Direction direction, ByteView data) {
        if (!named) {
            ctx.protocol("websocket");
            named = true;
        }
        directions[direction.index()].feed(data);
    }

    @Override
    public void onGap(Direction direction, long length) {
        directions[direction.index()].gap(length);
    }

    @Override
    public void onEnd() {
        for (DirectionDecoder d : directions) d.end();
    }
}
