package io.jdissect.scripts;

import io.jdissect.bytes.ByteView;
import io.jdissect.scripts.api.StreamApi;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.StreamContext;

/** Whole messages (e.g. WebSocket text) handed to a script's {@code messages.onMessage(ctx, dir, text)}. */
final class ScriptMessageDecoder implements MessageDecoder {
    private final ScriptDissector dissector;
    private final ScriptInstance instance;
    private final StreamContext context;
    private final StreamApi api;

    ScriptMessageDecoder(ScriptDissector dissector, ScriptInstance instance, StreamContext context) {
        this.dissector = dissector;
        this.instance = instance;
        this.context = context;
        this.api = dissector.newStreamApi(context);
    }

    @Override
    public void onMessage(Direction direction, ByteView message) {
        api.direction(direction);
        String text = message.utf8();
        dissector.call(instance, context, () -> instance.spec().messages().invokeMember("onMessage", api, direction.label(), text));
    }
}
