package io.jdissect.pipeline;

/** The engine's limits: ids (set with --pref id=value) and defaults. */
public final class Limits {
    private Limits() { }

    /** Out-of-order bytes held per flow direction before the oldest hole is declared a gap. */
    public static final String TCP_MAX_HELD = "tcp.max_held_bytes";
    public static final long TCP_MAX_HELD_DEFAULT = 4L << 20;
    /** Largest capture record accepted. */
    /** Bytes per direction a flow heuristic may ask the engine to hold before it must decide. */
    public static final String TCP_MAX_PROBE = "tcp.max_probe_bytes";
    public static final long TCP_MAX_PROBE_DEFAULT = 64L << 10;

    public static final String MAX_RECORD = "frame.max_record_bytes";
    public static final long MAX_RECORD_DEFAULT = 64L << 20;
    /** Anomaly rows kept per anomaly id and flow before they are only counted. */
    public static final String MAX_ANOMALIES_PER_FLOW = "anomaly.max_per_flow";
    public static final long MAX_ANOMALIES_PER_FLOW_DEFAULT = 1000;
}
