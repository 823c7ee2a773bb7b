package io.jdissect.report.collect;

/** One row of the conversations table (a flows row), with the anomalies counted on that conversation. */
public record FlowInfo(long stream, String client, String server, String protocol, String protocols, long packets,
                       long bytes, String state, Long startNanos, Double duration, long gaps, long anomalies, Detail detail) { }
