package io.jdissect.api;

import io.jdissect.capture.CaptureException;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about one frame, as tshark's {@code -V -x} shows it: the rows of every source that name the frame
 * (its packets row, HTTP messages, WebSocket frames and chat messages completed in it, anomalies), and its bytes.
 *
 * @param bytes    the captured bytes
 * @param wireLength the length on the wire
 */
public record FrameView(long number, List<Row> rows, byte[] bytes, int wireLength, int linkType) {
    /**
     * @throws IllegalArgumentException when the capture has no such frame
     */
    public static FrameView of(Capture cap, long frame) throws CaptureException, IOException {
        List<Row> rows = new ArrayList<>();
        for (String source : cap.dissectors().sources().keySet()) {
            if (source.equals("flows")) continue;   // a conversation is not a layer of one frame
            String q = source + " where frame.number == " + frame;
            if (cap.large()) cap.stream(cap.parse(q), rows::add); else rows.addAll(cap.query(q).rows());
        }
        Frame f = cap.frame(frame);
        if (f == null) throw new IllegalArgumentException("no frame " + frame + " in " + cap.path());
        return new FrameView(frame, rows, f.data().copyBytes(), f.originalLength(), f.linkType());
    }
}
