package io.jdissect.anomaly;

/** How bad an anomaly is, as Wireshark's expert severities. */
public enum Severity { NOTE, WARN, ERROR }
