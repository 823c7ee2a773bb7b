package io.jdissect.pipeline;

import io.jdissect.capture.RawPacket;
import io.jdissect.flow.FinishedFlows;

/** Told of every packet the front of an analysis reads and the conversation it went to: what a capture index records. */
public interface PacketLog {
    /** @param stream the packet's tcp.stream, or -1 when it belongs to no conversation */
    void packet(RawPacket p, long stream);

    /** Something happened that a replay of only some conversations could not reproduce (fragments, a full flow table). */
    void notReplayable(String why);

    /** The analysis ended: every conversation's summary (read them during the call: they are let go after it). */
    void finished(FinishedFlows flows);
}
