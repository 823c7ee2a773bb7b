package io.jdissect.pipeline;

import io.jdissect.ip.FragmentLimits;
import io.jdissect.spi.PrefDef;

import java.util.List;

/** The engine's limits: ids (set with --pref id=value), defaults and accepted ranges. */
public final class Limits {
    private Limits() { }

    /** Capture time, in seconds, that fits in a long of nanoseconds with room to spare (about 290 years). */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L / 32;

    /** Out-of-order bytes held per flow direction before the oldest hole is declared a gap. */
    public static final String TCP_MAX_HELD = "tcp.max_held_bytes";
    public static final long TCP_MAX_HELD_DEFAULT = 4L << 20;
    /** Out-of-order bytes held by all flows together; beyond it the biggest holders give up their oldest holes. */
    public static final String TCP_MAX_HELD_TOTAL = "tcp.max_held_bytes_total";
    public static final long TCP_MAX_HELD_TOTAL_DEFAULT = 64L << 20;
    /** TCP conversations held at once; one more finishes the idlest early (each keeps its decoders' buffers). */
    public static final String TCP_MAX_FLOWS = "tcp.max_flows";
    public static final long TCP_MAX_FLOWS_DEFAULT = 100_000;
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
    /** Finished conversations' summaries held in memory before they spill, sorted, to a temporary file. */
    public static final String TCP_MAX_FINISHED_IN_MEMORY = "tcp.max_finished_in_memory";
    public static final long TCP_MAX_FINISHED_IN_MEMORY_DEFAULT = 100_000;
    /** Bytes per direction a flow heuristic may ask the engine to hold before it must decide. */
    public static final String TCP_MAX_PROBE = "tcp.max_probe_bytes";
    public static final long TCP_MAX_PROBE_DEFAULT = 64L << 10;

    public static final String MAX_RECORD = "frame.max_record_bytes";
    public static final long MAX_RECORD_DEFAULT = 64L << 20;
    /** Anomaly rows kept per anomaly id and flow before they are only counted. */
    public static final String MAX_ANOMALIES_PER_FLOW = "anomaly.max_per_flow";
    public static final long MAX_ANOMALIES_PER_FLOW_DEFAULT = 1000;

    /** Rows the REPL and the Java API keep in memory for one capture; further rows are dropped (and counted). */
    public static final String REPL_MAX_ROWS = "repl.max_rows";
    public static final long REPL_MAX_ROWS_DEFAULT = 2_000_000;
    /** Captures at least this large are read again for each interactive query (using their index), not kept as rows. */
    public static final String REPL_STREAM_MIN_BYTES = "repl.stream_min_bytes";
    public static final long REPL_STREAM_MIN_BYTES_DEFAULT = 64L << 20;

    /** Whether large captures get an index in the cache folder for faster repeat queries (1) or not (0). */
    public static final String INDEX = "capture.index";
    /** Captures smaller than this get no index: they are read fast enough. */
    public static final String INDEX_MIN_BYTES = "capture.index_min_bytes";
    public static final long INDEX_MIN_BYTES_DEFAULT = 64L << 20;

    /** Largest datagram rebuilt from IP fragments (payload bytes). */
    public static final String IP_FRAGMENT_MAX_DATAGRAM = "ip.fragment.max_datagram_bytes";
    /** Buffer bytes held for all IP datagrams in reassembly together. */
    public static final String IP_FRAGMENT_MAX_HELD = "ip.fragment.max_held_bytes";
    /** IP datagrams in reassembly at once. */
    public static final String IP_FRAGMENT_MAX_DATAGRAMS = "ip.fragment.max_datagrams";
    /** Capture seconds after its first fragment at which an incomplete datagram is given up. */
    public static final String IP_FRAGMENT_TIMEOUT = "ip.fragment.timeout_seconds";

    private static final FragmentLimits FRAG = FragmentLimits.DEFAULTS;

    /** Every engine limit, as the README's "Limits" table lists them. */
    public static final List<PrefDef> ALL = List.of(
            PrefDef.intLimit(MAX_RECORD, MAX_RECORD_DEFAULT, 1, "largest capture record (packet) read"),
            PrefDef.longLimit(TCP_MAX_HELD, TCP_MAX_HELD_DEFAULT, "out-of-order bytes held per flow direction"),
            PrefDef.longLimit(TCP_MAX_HELD_TOTAL, TCP_MAX_HELD_TOTAL_DEFAULT, "out-of-order bytes held by all flows together"),
            PrefDef.intLimit(TCP_MAX_FLOWS, TCP_MAX_FLOWS_DEFAULT, 1, "TCP conversations held at once"),
            PrefDef.intLimit(TCP_MAX_FINISHED_IN_MEMORY, TCP_MAX_FINISHED_IN_MEMORY_DEFAULT, 1, "finished conversations' summaries held in memory before they spill to a temporary file"),
            new PrefDef(TCP_IDLE_TIMEOUT, TCP_IDLE_TIMEOUT_DEFAULT, 0, MAX_SECONDS, "capture seconds without a packet after which a flow is finished (0: never)"),
            PrefDef.longLimit(MAX_ANOMALIES_PER_FLOW, MAX_ANOMALIES_PER_FLOW_DEFAULT, "anomaly rows listed per anomaly id and flow"),
            PrefDef.intLimit(IP_FRAGMENT_MAX_DATAGRAM, FRAG.maxDatagramBytes(), 8, "largest datagram rebuilt from IP fragments"),
            PrefDef.longLimit(IP_FRAGMENT_MAX_HELD, FRAG.maxHeldBytes(), "bytes held for all IP datagrams in reassembly"),
            PrefDef.intLimit(IP_FRAGMENT_MAX_DATAGRAMS, FRAG.maxDatagrams(), 1, "IP datagrams in reassembly at once"),
            new PrefDef(IP_FRAGMENT_TIMEOUT, FRAG.timeoutNanos() / 1_000_000_000L, 1, MAX_SECONDS, "capture seconds an incomplete IP datagram is kept"),
            PrefDef.longLimit(REPL_MAX_ROWS, REPL_MAX_ROWS_DEFAULT, "rows the REPL and Java API keep in memory for a capture"),
            new PrefDef(REPL_STREAM_MIN_BYTES, REPL_STREAM_MIN_BYTES_DEFAULT, 0, Long.MAX_VALUE, "captures this large are read again for each REPL query instead of kept in memory"),
            PrefDef.longLimit(TCP_MAX_PROBE, TCP_MAX_PROBE_DEFAULT, "bytes per direction held while a flow heuristic decides"),
            new PrefDef(INDEX, 1, 0, 1, "keep an index of large captures in the cache folder for faster repeat queries (0: off)"),
            new PrefDef(INDEX_MIN_BYTES, INDEX_MIN_BYTES_DEFAULT, 0, Long.MAX_VALUE, "smallest capture file that gets an index"),
            new PrefDef(THREADS, 0, 0, 256, "worker threads of a query over a capture (0: one per core beside the reader's)"));

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
