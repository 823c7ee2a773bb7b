package io.jdissect.report.collect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A conversation drawn as a sequence diagram: its sampled events and what it left out. */
public final class Diagram {
    public final long stream;
    private final Sampled<SeqEvent> events;
    /** WebSocket frames left out of the middle, by direction (c2s, s2c). */
    private long wsSkippedC2s, wsSkippedS2c, otherSkipped;
    private long wsFrames;
    long clientPort = -1;
    String clientAddr;
    String wsKey;
    int handshake;   // 0 nothing, 1 SYN, 2 SYN-ACK, 3 its ACK seen
    public FlowInfo flow;

    Diagram(long stream, int maxEvents) {
        this.stream = stream;
        this.events = new Sampled<>(maxEvents / 2, maxEvents - maxEvents / 2);
    }

    void add(SeqEvent e) {
        if (e.websocket()) wsFrames++;
        SeqEvent out = events.add(e);
        if (out == null) return;
        if (!out.websocket()) otherSkipped++;
        else if ("c2s".equals(direction(out))) wsSkippedC2s++;
        else wsSkippedS2c++;
    }

    /** The direction of {@code e}, from its own row or from which end sent it. */
    public String direction(SeqEvent e) {
        if (e.direction() != null) return e.direction();
        if (clientPort < 0) return null;
        return e.srcPort() == clientPort ? "c2s" : "s2c";
    }

    /** Events before the left-out middle, in frame order. */
    public List<SeqEvent> head() { return sorted(events.first()); }

    /** Events after it, in frame order. */
    public List<SeqEvent> tail() { return sorted(events.last()); }

    private static List<SeqEvent> sorted(List<SeqEvent> l) {
        List<SeqEvent> s = new ArrayList<>(l);
        s.sort(Comparator.comparingLong(SeqEvent::frame));
        return s;
    }

    public long skipped() { return events.skipped(); }

    public long wsSkippedC2s() { return wsSkippedC2s; }

    public long wsSkippedS2c() { return wsSkippedS2c; }

    public long otherSkipped() { return otherSkipped; }

    /** Every WebSocket frame of the conversation, drawn or not. */
    public long wsFrames() { return wsFrames; }

    public long total() { return events.total(); }
}
