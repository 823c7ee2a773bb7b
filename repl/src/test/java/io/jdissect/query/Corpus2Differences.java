package io.jdissect.query;

import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a corpus2 capture's comparison with live tshark needs a word, for every test that compares with tshark
 * frame by frame: which tshark settings are the right ones, and which frames jdissect answers for otherwise by
 * a documented choice (each checked against the capture's bytes where it is named).
 */
public final class Corpus2Differences {
    private Corpus2Differences() { }

    /**
     * wireshark-retrans: with its default settings tshark dissects two retransmitted response segments (frames 42
     * and 86) as new responses; with {@code tcp.reassemble_out_of_order} it drops them as jdissect does
     * (HttpCaptureTest, DisplayFiltersMatchTsharkTest show it). This capture is compared with that tshark.
     */
    public static final String RETRANSMISSIONS = "arkime__arkime__wireshark-retrans.pcap";
    static final List<String> REASSEMBLE_OUT_OF_ORDER = List.of("-o", "tcp.reassemble_out_of_order:TRUE");

    /** The tshark options this capture is compared with. */
    public static List<String> tsharkOptions(Path capture) {
        return capture.getFileName().toString().equals(RETRANSMISSIONS) ? REASSEMBLE_OUT_OF_ORDER : List.of();
    }

    /** {@code tshark -n [options] -Y filter -T fields -e ...} with this capture's options; empty strings for absent fields. */
    public static List<List<String>> tsharkFields(Path capture, String filter, String... fields) {
        List<String> extra = new ArrayList<>(List.of("-n"));
        extra.addAll(tsharkOptions(capture));
        List<List<String>> rows = new ArrayList<>();
        for (String[] r : Tshark.fields(capture, filter, extra, fields)) {
            List<String> cols = new ArrayList<>(List.of(r));
            while (cols.size() < fields.length) cols.add("");
            rows.add(cols);
        }
        return rows;
    }

    /**
     * 650HttpResponses: server-only flows with segments never captured. tshark stops at a hole that is never filled;
     * jdissect goes on past it (a documented choice) and finds more messages. On the streams with such a hole the
     * application layers are not compared frame for frame; DisplayFiltersMatchTsharkTest checks jdissect's messages
     * there against the captured segments' start lines.
     */
    public static final String HOLES = "seladb__PcapPlusPlus__650HttpResponses.pcap";
    /**
     * 650HttpResponses stream 5, one segment (frame 7): a response with {@code Connection: close} and neither
     * Content-Length nor chunking, and the capture ends before the server's FIN. tshark waits for a close that never
     * comes; jdissect gives the response with the body it has, at its last frame (checked against the bytes in
     * DisplayFiltersMatchTsharkTest). Treated as the streams with a hole.
     */
    public static final long ENDS_INSIDE_A_CLOSE_DELIMITED_BODY = 5;

    /** The frames of 650HttpResponses' streams with a never-filled hole (tshark's tcp.analysis.lost_segment), and of stream 5; none elsewhere. */
    public static Set<Long> framesPastWhereTsharkStops(Path capture) {
        if (!capture.getFileName().toString().equals(HOLES)) return Set.of();
        Map<Long, List<Long>> framesByStream = new HashMap<>();
        Set<Long> streams = new HashSet<>(Set.of(ENDS_INSIDE_A_CLOSE_DELIMITED_BODY));
        for (List<String> r : Tshark.fields(capture, "tcp", "frame.number", "tcp.stream", "tcp.analysis.lost_segment")) {
            long stream = Long.parseLong(r.get(1));
            framesByStream.computeIfAbsent(stream, k -> new ArrayList<>()).add(Long.parseLong(r.get(0)));
            if (!r.get(2).isEmpty()) streams.add(stream);
        }
        Set<Long> frames = new HashSet<>();
        for (long s : streams) frames.addAll(framesByStream.get(s));
        return frames;
    }

    public static Path holes() {
        return Shared.corpus2(HOLES);
    }
}
