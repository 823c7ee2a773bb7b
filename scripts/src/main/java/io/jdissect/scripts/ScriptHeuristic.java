package io.jdissect.scripts;

import io.jdissect.bytes.ByteView;
import io.jdissect.scripts.api.Bytes;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamHeuristic;

/** A script's {@code heuristic(dir, bytes)}: true takes the conversation; anything else, or a throw, declines. */
record ScriptHeuristic(ScriptDissector dissector) implements StreamHeuristic {
    @Override
    public boolean accepts(Direction direction, ByteView firstBytes) {
        Bytes b = new Bytes(firstBytes);
        try {
            return dissector.heuristicCall(null, i -> ScriptDissector.truthy(i.spec().heuristic().execute(direction.label(), b)));
        } finally {
            b.invalidate();
        }
    }
}
