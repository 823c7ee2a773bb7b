package io.jdissect.pipeline;

import io.jdissect.capture.CaptureException;
import io.jdissect.flow.FinishedFlows;

/**
 * What reading a capture through the stages left: every conversation's summary, and the damage that stopped the
 * reader early (null when it read to the end).
 */
public record Outcome(FinishedFlows flows, CaptureException damage) { }
