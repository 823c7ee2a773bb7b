package io.jdissect.report.collect;

/**
 * One arrow or mark of a sequence diagram.
 *
 * @param direction "c2s", "s2c", or null when only {@code srcPort} tells (a TCP packet seen before its conversation's
 *                  client was known)
 * @param label     what the arrow says (opcode and size, request line, flags)
 * @param text      the start of the message's text, or null
 * @param mark      "ok" or "bad" when the event was checked (the upgrade's accept key), "close" for a close frame,
 *                  "gap" or "sev-" and the severity for an anomaly, else null
 */
public record SeqEvent(Kind kind, long frame, double time, String direction, long srcPort, String label, String text,
                       String mark, Detail detail) {
    public enum Kind { TCP, HTTP_REQUEST, HTTP_RESPONSE, WEBSOCKET, ANOMALY }

    public boolean websocket() { return kind == Kind.WEBSOCKET; }
}
