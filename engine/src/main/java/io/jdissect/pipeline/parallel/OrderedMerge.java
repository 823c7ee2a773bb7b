package io.jdissect.pipeline.parallel;

import io.jdissect.flow.FinishedFlows;
import io.jdissect.pipeline.RowSink;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the lanes' rows back into the order one thread would have made them: epoch by epoch, and within an epoch
 * by step tag. It finishes an epoch only when every lane has ended it, and every lane is given each epoch before
 * the next, so it never waits on a lane whose rows it would not take next. See docs/architecture.md for why no
 * hand-off can wait forever.
 */
final class OrderedMerge {
    private final List<Channel<RowChunk>> lanes;
    private final RowSink sink;

    OrderedMerge(List<Channel<RowChunk>> lanes, RowSink sink) {
        this.lanes = lanes;
        this.sink = sink;
    }

    /** Merges every epoch up to the run's last; returns the workers' conversation summaries. */
    FinishedFlows run() {
        int n = lanes.size();
        RowChunk[] head = new RowChunk[n];
        int[] pos = new int[n];
        boolean[] endedEpoch = new boolean[n];
        List<FinishedFlows> summaries = new ArrayList<>();
        boolean lastEpoch = false;
        for (long epoch = 0; ; epoch++) {
            java.util.Arrays.fill(endedEpoch, false);
            int open = n;
            while (open > 0) {
                // the lane whose next row comes first; a lane with no row buffered must be asked first
                int best = -1;
                long bestTag = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    if (endedEpoch[i]) continue;
                    if (head[i] == null || pos[i] == head[i].size) {
                        best = i;
                        bestTag = Long.MIN_VALUE;
                        break;
                    }
                    long tag = head[i].tags[pos[i]];
                    if (tag < bestTag) {
                        best = i;
                        bestTag = tag;
                    }
                }
                if (bestTag == Long.MIN_VALUE) {
                    RowChunk done = head[best];
                    if (done != null && done.endsEpoch) {   // everything of this lane's epoch was merged
                        endedEpoch[best] = true;
                        open--;
                        head[best] = null;
                        if (done.summaries != null) {
                            summaries.add(done.summaries);
                            lastEpoch = true;
                        }
                        continue;
                    }
                    RowChunk c = lanes.get(best).take();
                    if (c.epoch != epoch && c.endsEpoch) throw new IllegalStateException("lane " + best + " ended epoch " + c.epoch + " during " + epoch);
                    head[best] = c;
                    pos[best] = 0;
                    continue;
                }
                RowChunk h = head[best];
                sink.accept(h.rows[pos[best]]);
                h.rows[pos[best]++] = null;
            }
            if (lastEpoch) return FinishedFlows.merged(summaries);
        }
    }
}
