package io.jdissect.pipeline;

import io.jdissect.ip.FragmentLimits;

/** The engine's limits: ids (set with --pref id=value) and defaults. */
public final class Limits {
    private Limits() { }

    /** Out-of-order bytes held per flow direction before the oldest hole is declared a gap. */
    public static final String TCP_MAX_HELD = "tcp.max_held_bytes";
    public static final long TCP_MAX_HELD_DEFAULT = 4L << 20;
    /** Out-of-order bytes held by all flows together; beyond it the biggest holders give up their oldest holes. */
    public static final String TCP_MAX_HELD_TOTAL = "tcp.max_held_bytes_total";
    public static final long TCP_MAX_HELD_TOTAL_DEFAULT = 64L << 20;
    /**
     * Capture seconds without a packet after which a flow is finished (flushed, its dissector ended) and
     * released, so long captures run in bounded memory; 0 keeps every flow until the end.
     */
    public static final String TCP_IDLE_TIMEOUT = "tcp.idle_timeout_seconds";
    public static final long TCP_IDLE_TIMEOUT_DEFAULT = 600;
    /**
     * Worker threads for queries over a capture (0: one per core beside the reader's core). Conversations are
     * shared out between them; 1 analyses on one thread. Results are the same either way.
     */
    public static final String THREADS = "engine.threads";
    /** Largest capture record accepted. */
    /** Bytes per direction a flow heuristic may ask the engine to hold before it must decide. */
    public static final String TCP_MAX_PROBE = "tcp.max_probe_bytes";
    public static final long TCP_MAX_PROBE_DEFAULT = 64L << 10;

    public static final String MAX_RECORD = "frame.max_record_bytes";
    public static final long MAX_RECORD_DEFAULT = 64L << 20;
    /** Anomaly rows kept per anomaly id and flow before they are only counted. */
    public static final String MAX_ANOMALIES_PER_FLOW = "anomaly.max_per_flow";
    public static final long MAX_ANOMALIES_PER_FLOW_DEFAULT = 1000;

    /** Largest datagram rebuilt from IP fragments (payload bytes). */
    public static final String IP_FRAGMENT_MAX_DATAGRAM = "ip.fragment.max_datagram_bytes";
    /** Buffer bytes held for all IP datagrams in reassembly together. */
    public static final String IP_FRAGMENT_MAX_HELD = "ip.fragment.max_held_bytes";
    /** IP datagrams in reassembly at once. */
    public static final String IP_FRAGMENT_MAX_DATAGRAMS = "ip.fragment.max_datagrams";
    /** Capture seconds after its first fragment at which an incomplete datagram is given up. */
    public static final String IP_FRAGMENT_TIMEOUT = "ip.fragment.timeout_seconds";

    /** The IP fragment limits of {@code config}, defaults where it sets none. */
    public static FragmentLimits fragments(Config config) {
        FragmentLimits d = FragmentLimits.DEFAULTS;
        return new FragmentLimits(
                (int) Math.min(Integer.MAX_VALUE - 8, config.pref(IP_FRAGMENT_MAX_DATAGRAM, d.maxDatagramBytes())),
                config.pref(IP_FRAGMENT_MAX_HELD, d.maxHeldBytes()),
                (int) Math.min(Integer.MAX_VALUE, config.pref(IP_FRAGMENT_MAX_DATAGRAMS, d.maxDatagrams())),
                config.pref(IP_FRAGMENT_TIMEOUT, d.timeoutNanos() / 1_000_000_000L) * 1_000_000_000L);
    }
}
