package io.jdissect.pipeline;

import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;

import java.util.List;

/**
 * How the stages of an {@link Analysis} are laid on threads. Every execution gives the same rows in the same order
 * as {@link #SERIAL}, which runs them all on the calling thread.
 */
public interface Execution {
    /** Reads {@code reader} through the stages of {@code analysis}; rows go to its sink, on the calling thread. */
    Outcome run(Analysis analysis, CaptureReader reader, List<CaptureWarning> warnings);

    /** Every stage on the calling thread: the packet stage hands each packet straight to the conversations. */
    Execution SERIAL = (a, reader, warnings) -> a.packetStage(a.sink(), warnings, a.conversations(a.sink())).run(reader);
}
