package io.jdissect.scripts;

/**
 * A JavaScript dissector threw or hit a limit. The engine turns it into a frame.dissector_failed anomaly for the
 * flow (see FlowDecoding); the message alone is what that anomaly shows: {@code name.js:LINE: message}.
 */
public final class ScriptFailure extends RuntimeException {
    public ScriptFailure(String message) {
        super(message, null, false, false);
    }

    @Override
    public String toString() { return getMessage(); }
}
