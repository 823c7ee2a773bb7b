package io.jdissect.scripts;

import io.jdissect.bytes.ByteView;
import io.jdissect.scripts.api.Bytes;
import io.jdissect.scripts.api.StreamApi;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;
import org.graalvm.polyglot.Value;

/**
 * One conversation decoded by a script's {@code stream(ctx)} object, in the instance of the thread that created it.
 * A script error propagates as {@link ScriptFailure}, which the engine records as frame.dissector_failed for this
 * flow only.
 */
final class ScriptStreamDecoder implements StreamDecoder {
    private final ScriptDissector dissector;
    private final ScriptInstance instance;
    private final StreamContext context;
    private final StreamApi api;
    private Value decoder;
    /** The failure of stream(ctx) itself: the engine does not expect factories to throw, so it surfaces on first data. */
    private ScriptFailure startFailure;

    ScriptStreamDecoder(ScriptDissector dissector, ScriptInstance instance, StreamContext context) {
        this.dissector = dissector;
        this.instance = instance;
        this.context = context;
        this.api = dissector.newStreamApi(context);
        try {
            // every touch of a script value enters its context, so even hasMembers() runs under the instance's lock:
            // another analysis in this JVM may be inside the same context (GraalJS refuses a second thread)
            decoder = dissector.call(instance, context, () -> {
                Value d = instance.spec().stream().execute(api);
                return d != null && d.hasMembers() ? d : null;
            });
            if (decoder == null) {
                startFailure = new ScriptFailure(dissector.file() + ": stream(ctx) must return an object with onData(dir, bytes)");
            }
        } catch (ScriptFailure e) {
            startFailure = e;
        }
    }

    @Override
    public void onData(Direction direction, ByteView data) {
        if (startFailure != null) throw startFailure;
        api.direction(direction);
        Bytes b = new Bytes(data);
        try {
            invoke("onData", direction.label(), b);
        } finally {
            b.invalidate();
        }
    }

    @Override
    public void onGap(Direction direction, long length) {
        if (startFailure != null) throw startFailure;
        api.direction(direction);
        invoke("onGap", direction.label(), length);
    }

    @Override
    public void onEnd() {
        if (startFailure != null) return;
        invoke("onEnd");
    }

    private void invoke(String method, Object... args) {
        Value d = decoder;
        if (d == null) throw startFailure;
        try {
            dissector.call(instance, context, () -> d.canInvokeMember(method) ? d.invokeMember(method, args) : null);
        } catch (ScriptFailure e) {
            // the flow is no longer decoded: let go of its JavaScript object, and what its closures hold
            decoder = null;
            startFailure = e;
            throw e;
        }
    }
}
