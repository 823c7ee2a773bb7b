package io.jdissect.api;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.Captures;

import java.util.ArrayList;

/**
 * How many packets a capture file holds, read from its record headers alone (no decoding): a batch manifest's count.
 *
 * @param packets the records read
 * @param damage  what stopped the read before the file's end, or null
 */
public record PacketCount(long packets, CaptureException damage) {
    /** Counts the records of {@code capture}'s file, up to any damage. */
    public static PacketCount of(Capture capture) {
        long n = 0;
        try (CaptureReader r = Captures.open(capture.path(), capture.maxRecord(), new ArrayList<>())) {
            while (r.next() != null) n++;
            return new PacketCount(n, null);
        } catch (CaptureException e) {
            return new PacketCount(n, e);
        } catch (java.io.IOException e) {
            return new PacketCount(n, new CaptureException(capture.path().toString(), 0, e.getMessage(), e));
        }
    }
}
