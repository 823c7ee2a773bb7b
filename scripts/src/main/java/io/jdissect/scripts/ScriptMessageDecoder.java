package io.jdissect.scripts;

import io.jdissect.bytes.ByteView;
import io.jdissect.scripts.api.StreamApi;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.StreamContext;
import org.graalvm.polyglot.Value;

/** Whole messages (e.g. WebSocket text) handed to a script's {@code messages.onMessage(ctx, dir, text)}. */
final class ScriptMessageDecoder implements MessageDecoder {
    private final ScriptDissector dissector;
    private final StreamApi api;
    private final Value messages;

    ScriptMessageDecoder(ScriptDissector dissector, StreamContext context, Value messages) {
        this.dissector = dissector;
        this.api = dissector.newStreamApi(context);
        this.messages = messages;
    }

    @Override
    public void onMessage(Direction direction, ByteView message) {
        api.direction(direction);
        String text = message.utf8();
        dissector.call(() -> messages.invokeMember("onMessage", api, direction.label(), text));
    }
}
