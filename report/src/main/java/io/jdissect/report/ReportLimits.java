package io.jdissect.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report keeps, so a capture of any size gives a page of bounded size (and memory): beyond each bound the
 * report counts what it left out and says so where it would have been.
 *
 * @param diagrams       conversations drawn as sequence diagrams (the first ones with HTTP or WebSocket)
 * @param events         events drawn per diagram; a longer conversation shows its first and last half, the middle counted
 * @param conversations  rows of the conversations table (the ones with the most bytes)
 * @param transcript     chat transcript lines shown (the first and last half)
 * @param users          users with their own lane in the chat timeline (later ones share one)
 * @param anomalyFrames  frames listed per anomaly kind
 * @param anomalyKinds   anomaly kinds listed
 * @param buckets        columns of the IO graph and chat timeline (one second each until the capture is longer)
 * @param text           characters of a message shown in a diagram or transcript line
 */
public record ReportLimits(int diagrams, int events, int conversations, int transcript, int users,
                           int anomalyFrames, int anomalyKinds, int buckets, int text) {
    public static final ReportLimits DEFAULTS = new ReportLimits(40, 200, 500, 1000, 40, 50, 200, 600, 160);

    public ReportLimits {
        for (Map.Entry<String, Integer> e : values(diagrams, events, conversations, transcript, users, anomalyFrames, anomalyKinds, buckets, text).entrySet()) {
            if (e.getValue() < 1) throw new IllegalArgumentException("report limit " + e.getKey() + " must be at least 1; got " + e.getValue());
        }
        if (events < 2) throw new IllegalArgumentException("report limit events must be at least 2; got " + events);
    }

    /** The limits by id, as {@code --limit ID=N} names them. */
    public Map<String, Integer> byId() {
        return values(diagrams, events, conversations, transcript, users, anomalyFrames, anomalyKinds, buckets, text);
    }

    private static Map<String, Integer> values(int... v) {
        Map<String, Integer> m = new LinkedHashMap<>();
        String[] ids = {"diagrams", "events", "conversations", "transcript", "users", "anomaly_frames", "anomaly_kinds", "buckets", "text"};
        for (int i = 0; i < ids.length; i++) m.put(ids[i], v[i]);
        return m;
    }

    /** These limits with {@code id} set to {@code value}. @throws IllegalArgumentException for an unknown id or a value below 1 */
    public ReportLimits with(String id, int value) {
        Map<String, Integer> m = byId();
        if (!m.containsKey(id)) throw new IllegalArgumentException("no report limit '" + id + "' (known: " + String.join(", ", m.keySet()) + ")");
        m.put(id, value);
        Integer[] v = m.values().toArray(Integer[]::new);
        return new ReportLimits(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
