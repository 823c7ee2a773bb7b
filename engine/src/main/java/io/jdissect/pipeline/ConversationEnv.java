package io.jdissect.pipeline;

import io.jdissect.flow.Flow;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.RowCheck;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamTap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every conversation worked on one thread shares: the settings and dissectors, where rows go, and the clock
 * (the packet being worked on, whose frame number rows and anomalies carry). One per {@link Conversations}.
 */
final class ConversationEnv {
    final Registry registry;
    final Config config;
    final RowSink sink;
    final EngineRows rows;
    /** Checks dissectors' rows against their declarations (one per thread: it remembers what it accepted). */
    final RowCheck rowCheck;
    /** Other dissectors' additions to rows of each source ({@code extends}); empty nearly always. */
    final Map<String, io.jdissect.spi.RowExtension[]> extensions;
    final boolean wantsAnomalies;
    final long maxAnomaliesPerFlow;
    /** Delivered segments per direction a retransmission is compared with. */
    final int retransmissionCheck;
    /** The worker threads the analysis's conversations are spread over (this thread's limits are a share). */
    int sharedBy = 1;
    /** Out-of-order segments all conversations of this thread may hold together. */
    long maxHeldSegmentsTotal = Long.MAX_VALUE;
    StreamTap tap;
    /** The capture's first packet time, from which frame.time_relative counts. */
    long firstTimestamp;
    /** The packet being worked on; while held bytes are replayed to a dissector, the packet they came in. */
    long frame;
    long timestamp;
    private final Map<Class<?>, Object> perAnalysis = new HashMap<>();

    ConversationEnv(Registry registry, Config config, RowSink sink) {
        this.registry = registry;
        this.config = config;
        this.sink = sink;
        this.rows = new EngineRows(sink);
        this.rowCheck = registry.rowCheck();
        this.extensions = registry.extensions();
        this.wantsAnomalies = sink.wants(EngineFields.ANOMALY_SOURCE.name());
        this.maxAnomaliesPerFlow = config.pref(Limits.MAX_ANOMALIES_PER_FLOW);
        this.retransmissionCheck = config.pref(Limits.TCP_RETRANSMISSION_CHECK);
    }

    Row newRow(String source, Flow flow, Direction dir) {
        return rows.conversationRow(source, flow, dir.index(), frame, timestamp, firstTimestamp);
    }

    /** See {@link StreamContext#perAnalysis}: one value per key for all conversations of this thread. */
    <T> T perAnalysis(Class<T> key, StreamContext ctx, Function<StreamContext, T> make) {
        Object v = perAnalysis.get(key);
        if (v == null) {
            v = make.apply(ctx);
            perAnalysis.put(key, v);
        }
        return key.cast(v);
    }
}
