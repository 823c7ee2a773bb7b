package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;

import java.util.Map;

/**
 * One WebSocket conversation: a {@link DirectionDecoder} per direction, configured from the HTTP Upgrade
 * handshake (permessage-deflate is on only if the server's 101 accepted it).
 */
public final class WebSocketDecoder implements StreamDecoder {
    /** Handshake keys, as the HTTP dissector passes them: "response." + lower-case header name. */
    public static final String RESPONSE_EXTENSIONS = "response.sec-websocket-extensions";

    private final StreamContext ctx;
    private final DirectionDecoder[] directions = new DirectionDecoder[2];
    private boolean named;

    public WebSocketDecoder(StreamContext ctx, WebSocketLimits limits, Map<String, String> handshake) {
        this.ctx = ctx;
        PerMessageDeflate deflate = PerMessageDeflate.parse(handshake.get(RESPONSE_EXTENSIONS)).orElse(null);
        for (Direction d : Direction.values()) directions[d.index()] = new DirectionDecoder(ctx, d, limits, deflate);
    }

    public static WebSocketDecoder create(StreamContext ctx) {
        return new WebSocketDecoder(ctx, WebSocketLimits.from(ctx), ctx.handshake());
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
