package io.jdissect.pipeline;

import io.jdissect.capture.CaptureException;
import io.jdissect.flow.FlowSummary;

import java.util.List;

/**
 * What reading a capture through the stages left: every conversation's summary, in any order, and the damage that
 * stopped the reader early (null when it read to the end).
 */
public record Outcome(List<FlowSummary> flows, CaptureException damage) { }
