package io.jdissect.dissectors.fuzz;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fuzz target reads its raw bytes: a sequence of deliveries {@code [kind][length: 2 bytes BE][bytes]},
 * kind bit 0 the direction (0 = c2s), bit 1 a gap of {@code length} bytes instead of data. A truncated last
 * record delivers what is there. Seeds are real conversations written in this form (see bin/fuzz-seeds).
 */
record FuzzInput(List<Delivery> deliveries) {
    record Delivery(Direction direction, boolean gap, ByteView bytes, int length) { }

    static FuzzInput parse(byte[] data) {
        List<Delivery> out = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int kind = data[i] & 0xff;
            int len = i + 2 < data.length ? ((data[i + 1] & 0xff) << 8) | (data[i + 2] & 0xff) : 0;
            i += 3;
            Direction d = (kind & 1) == 0 ? Direction.C2S : Direction.S2C;
            if ((kind & 2) != 0) {
                out.add(new Delivery(d, true, ByteView.of(new byte[0]), len));
                continue;
            }
            int n = Math.max(0, Math.min(len, data.length - i));
            out.add(new Delivery(d, false, ByteView.of(data, Math.min(i, data.length), n), n));
            i += n;
        }
        return new FuzzInput(out);
    }
}
