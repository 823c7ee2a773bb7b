package io.jdissect.scripts;

import io.jdissect.bytes.ByteView;
import io.jdissect.scripts.api.Bytes;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamHeuristic;
import org.graalvm.polyglot.Value;

/** A script's {@code heuristic(dir, bytes)}: true takes the conversation; anything else, or a throw, declines. */
record ScriptHeuristic(ScriptDissector dissector, Value fn) implements StreamHeuristic {
    @Override
    public boolean accepts(Direction direction, ByteView firstBytes) {
        Bytes b = new Bytes(firstBytes);
        try {
            return dissector.call(() -> ScriptDissector.truthy(fn.execute(direction.label(), b)));
        } catch (ScriptFailure e) {
            return false;
        } finally {
            b.invalidate();
        }
    }
}
