package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.flow.Flow;
import io.jdissect.spi.Direction;
import io.jdissect.tcp.ReassemblyEvents;

import java.util.HashMap;
import java.util.Map;

/**
 * The anomalies of one conversation, at the packet being worked on, each kind listed at most
 * {@link Limits#MAX_ANOMALIES_PER_FLOW} times; also what each direction's reassembly reports.
 */
final class ConversationAnomalies {
    private final ConversationEnv env;
    private final Flow flow;
    /** Rows listed per anomaly id; made on the first anomaly (most conversations have none). */
    private Map<String, Long> counts;

    ConversationAnomalies(ConversationEnv env, Flow flow) {
        this.env = env;
        this.flow = flow;
    }

    /** @param dir the direction it concerns, or null for the conversation as a whole */
    void raise(AnomalyDef kind, Direction dir, String detail) {
        if (!env.wantsAnomalies) return;
        if (counts == null) counts = new HashMap<>();
        long n = counts.merge(kind.id(), 1L, Long::sum);
        if (n > env.maxAnomaliesPerFlow) return;
        if (n == env.maxAnomaliesPerFlow) detail = detail + " (limit " + Limits.MAX_ANOMALIES_PER_FLOW + " reached: further ones on this flow are not listed)";
        env.sink.accept(EngineRows.describe(env.newRow(EngineFields.ANOMALY_SOURCE.name(), flow, dir == null ? Direction.C2S : dir), kind, detail));
    }

    /** What the reassembly of direction {@code dir} reports, as anomalies. */
    ReassemblyEvents events(Direction dir) {
        return new ReassemblyEvents() {
            @Override public void retransmission(long bytes) { raise(EngineFields.RETRANSMISSION, dir, bytes + " bytes already received"); }

            @Override public void controlRetransmission(String flag) { raise(EngineFields.RETRANSMISSION, dir, "0 bytes already received: the same " + flag + " again"); }

            @Override public void keepAlive() { raise(EngineFields.KEEP_ALIVE, dir, "1 byte just below the next sequence number: a probe, not data"); }

            @Override public void outOfOrder(long bytes) { raise(EngineFields.OUT_OF_ORDER, dir, bytes + " bytes ahead of a hole, held"); }

            @Override public void overlapConflict(long bytes) { raise(EngineFields.OVERLAP_CONFLICT, dir, bytes + " overlapping bytes differ; first copy kept"); }

            @Override public void midstreamStart() { raise(EngineFields.MIDSTREAM, dir, "no SYN seen for " + dir.label()); }

            @Override public void limitExceeded(String detail) { raise(EngineFields.LIMIT, dir, detail); }
        };
    }
}
