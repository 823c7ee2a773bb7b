package io.jdissect.pipeline;

import io.jdissect.capture.Captures;
import io.jdissect.ip.FragmentLimits;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.PrefDef;

import java.util.List;

/**
 * The engine's limits: each declared once, with its id (set with --pref id=value), its one default and the range a
 * user may set; read as its type with {@link Config#pref(PrefDef)}.
 */
public final class Limits {
    private Limits() { }

    /** Capture time, in seconds, that fits in a long of nanoseconds with room to spare (about 290 years). */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L / 32;
    private static final FragmentLimits FRAG = FragmentLimits.DEFAULTS;

    private static final Declarations FRAME = Declarations.builtIn("frame");
    private static final Declarations TCP = FRAME.under("tcp");
    private static final Declarations IP = FRAME.under("ip");
    private static final Declarations ANOMALY = FRAME.under("anomaly");
    private static final Declarations REPL = FRAME.under("repl");
    private static final Declarations CAPTURE = FRAME.under("capture");
    private static final Declarations ENGINE = FRAME.under("engine");
    private static final Declarations QUERY = FRAME.under("query");

    /** Largest capture record accepted (the capture reader's, which also opens files without a Config). */
    public static final PrefDef<Integer> MAX_RECORD = FRAME.intLimit("max_record_bytes", Captures.DEFAULT_MAX_RECORD, 1, "largest capture record (packet) read");
    /** Out-of-order bytes held per flow direction before the oldest hole is declared a gap. */
    public static final PrefDef<Long> TCP_MAX_HELD = TCP.longLimit("max_held_bytes", 4L << 20, "out-of-order bytes held per flow direction");
    /** Out-of-order bytes held by all flows together; beyond it the biggest holders give up their oldest holes. */
    public static final PrefDef<Long> TCP_MAX_HELD_TOTAL = TCP.longLimit("max_held_bytes_total", 64L << 20, "out-of-order bytes held by all flows together");
    /** Out-of-order segments held per flow direction (each costs about 100 bytes of bookkeeping, whatever its size). */
    public static final PrefDef<Integer> TCP_MAX_HELD_SEGMENTS = TCP.intLimit("max_held_segments", 16_384, 1, "out-of-order segments held per flow direction");
    /** Out-of-order segments held by all flows together; beyond it the direction that went over gives up its oldest holes. */
    public static final PrefDef<Long> TCP_MAX_HELD_SEGMENTS_TOTAL = TCP.longLimit("max_held_segments_total", 262_144, "out-of-order segments held by all flows together");
    /**
     * Delivered segments per flow direction remembered by fingerprint, so a retransmission whose bytes differ from
     * what was delivered is an overlap conflict (0: retransmissions are not compared).
     */
    public static final PrefDef<Integer> TCP_RETRANSMISSION_CHECK = TCP.intRange("retransmission_check_segments",
            io.jdissect.tcp.TcpDirection.DEFAULT_CHECKED_SEGMENTS, 0, 1 << 16,
            "delivered segments per flow direction a retransmission is compared with (0: none)");
    /**
     * Heap the default of {@link #TCP_MAX_FLOWS} gives each conversation held at once. An open HTTP conversation's
     * own objects (flow, both directions, dissector chain, parsers; not the bytes the budgets count) came to about
     * 2 KiB in a heap histogram, so this keeps them to a quarter of the heap: a fixed 100,000 filled a 256 MiB heap.
     */
    static final int HEAP_PER_FLOW = 8 << 10;

    /** TCP conversations held at once; one more finishes the idlest early (each keeps its decoders' buffers). */
    public static final PrefDef<Integer> TCP_MAX_FLOWS = TCP.intLimit("max_flows", defaultMaxFlows(), 1, "TCP conversations held at once");

    /** One conversation per {@link #HEAP_PER_FLOW} of the JVM's largest heap (31,488 at -Xmx256m with Parallel GC), at least 4,096. */
    static int defaultMaxFlows() {
        return (int) Math.clamp(Runtime.getRuntime().maxMemory() / HEAP_PER_FLOW, 4096, Integer.MAX_VALUE);
    }
    /** Finished conversations' summaries held in memory before they spill, sorted, to a temporary file. */
    public static final PrefDef<Integer> TCP_MAX_FINISHED_IN_MEMORY = TCP.intLimit("max_finished_in_memory", 100_000, 1,
            "finished conversations' summaries held in memory before they spill to a temporary file");
    /**
     * Capture seconds without a packet after which a flow is finished (flushed, its dissector ended) and
     * released, so long captures run in bounded memory; 0 keeps every flow until the end.
     */
    public static final PrefDef<Long> TCP_IDLE_TIMEOUT = TCP.longRange("idle_timeout_seconds", 600, 0, MAX_SECONDS,
            "capture seconds without a packet after which a flow is finished (0: never)");
    /** Anomaly rows kept per anomaly id and flow before they are only counted. */
    public static final PrefDef<Long> MAX_ANOMALIES_PER_FLOW = ANOMALY.longLimit("max_per_flow", 1000, "anomaly rows listed per anomaly id and flow");

    /** Largest datagram rebuilt from IP fragments (payload bytes). */
    public static final PrefDef<Integer> IP_FRAGMENT_MAX_DATAGRAM = IP.intLimit("fragment.max_datagram_bytes", FRAG.maxDatagramBytes(), 8,
            "largest datagram rebuilt from IP fragments");
    /** Buffer bytes held for all IP datagrams in reassembly together. */
    public static final PrefDef<Long> IP_FRAGMENT_MAX_HELD = IP.longLimit("fragment.max_held_bytes", FRAG.maxHeldBytes(), "bytes held for all IP datagrams in reassembly");
    /** IP datagrams in reassembly at once. */
    public static final PrefDef<Integer> IP_FRAGMENT_MAX_DATAGRAMS = IP.intLimit("fragment.max_datagrams", FRAG.maxDatagrams(), 1, "IP datagrams in reassembly at once");
    /** Capture seconds after its first fragment at which an incomplete datagram is given up. */
    public static final PrefDef<Long> IP_FRAGMENT_TIMEOUT = IP.longRange("fragment.timeout_seconds", FRAG.timeoutNanos() / 1_000_000_000L, 1, MAX_SECONDS,
            "capture seconds an incomplete IP datagram is kept");

    /** Rows the REPL and the Java API keep in memory for one capture; further rows are dropped (and counted). */
    public static final PrefDef<Long> REPL_MAX_ROWS = REPL.longLimit("max_rows", 2_000_000, "rows the REPL and Java API keep in memory for a capture");
    /** Captures at least this large are read again for each interactive query (using their index), not kept as rows. */
    public static final PrefDef<Long> REPL_STREAM_MIN_BYTES = REPL.longRange("stream_min_bytes", 64L << 20, 0, Long.MAX_VALUE,
            "captures this large are read again for each REPL query instead of kept in memory");
    /** Bytes per direction a flow heuristic may ask the engine to hold before it must decide. */
    public static final PrefDef<Long> TCP_MAX_PROBE = TCP.longLimit("max_probe_bytes", 64L << 10, "bytes per direction held while a flow heuristic decides");

    /** Whether large captures get an index in the cache folder for faster repeat queries (1) or not (0). */
    public static final PrefDef<Boolean> INDEX = CAPTURE.flag("index", true, "keep an index of large captures in the cache folder for faster repeat queries (0: off)");
    /** Captures smaller than this get no index: they are read fast enough. */
    public static final PrefDef<Long> INDEX_MIN_BYTES = CAPTURE.longRange("index_min_bytes", 64L << 20, 0, Long.MAX_VALUE, "smallest capture file that gets an index");
    /**
     * Worker threads for queries over a capture (0: one per core), beside the thread that reads the capture.
     * Conversations are shared out between them; 1 analyses on one thread. Results are the same either way.
     */
    public static final PrefDef<Integer> THREADS = ENGINE.intRange("threads", 0, 0, 256, "worker threads of a query over a capture, beside the reader (0: one per core)");

    /**
     * Character reads all regular-expression matches ({@code matches}) of one query may take together: each value
     * is bounded too, but 20,000 values just under that bound would take hours.
     */
    public static final PrefDef<Long> QUERY_MAX_REGEX_STEPS_TOTAL = QUERY.longLimit("max_regex_steps_total",
            io.jdissect.query.Query.DEFAULT_REGEX_STEPS_TOTAL, "character reads of all regular-expression matches of one query together");

    /** Every engine limit, as the README's "Limits" table lists them. */
    public static final List<PrefDef<?>> ALL = FRAME.prefs();

    /** The IP fragment limits of {@code config}, defaults where it sets none. */
    public static FragmentLimits fragments(Config config) {
        return new FragmentLimits(config.pref(IP_FRAGMENT_MAX_DATAGRAM), config.pref(IP_FRAGMENT_MAX_HELD),
                config.pref(IP_FRAGMENT_MAX_DATAGRAMS), config.pref(IP_FRAGMENT_TIMEOUT) * 1_000_000_000L);
    }
}
