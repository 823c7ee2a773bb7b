package com.example.kv;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One TCP conversation of the key=value protocol: bytes of each direction are cut into lines (a line may span
 * segments), each line is one row. Never throws: a malformed line is an anomaly, and the partial line held is
 * bounded by kv.max_line.
 */
final class KvDecoder implements StreamDecoder {
    private final StreamContext ctx;
    private final int maxLine;
    private final ByteArrayOutputStream c2s = new ByteArrayOutputStream();
    private final ByteArrayOutputStream s2c = new ByteArrayOutputStream();
    private boolean named;

    KvDecoder(StreamContext ctx) {
        this.ctx = ctx;
        this.maxLine = ctx.pref(KvDissector.MAX_LINE);
    }

    @Override
    public void onData(Direction dir, ByteView data) {
        ByteArrayOutputStream line = dir == Direction.C2S ? c2s : s2c;
        for (int i = 0; i < data.length(); i++) {
            int b = data.u8(i);
            if (b == '\n') {
                line(dir, line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < maxLine) {
                line.write(b);
            } else {
                ctx.anomaly(KvDissector.LINE_TOO_LONG, dir, "over " + maxLine + " bytes without a newline");
                line.reset();
            }
        }
    }

    private void line(Direction dir, String text) {
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        int eq = text.indexOf('=');
        if (eq < 0) {
            ctx.anomaly(KvDissector.NO_EQUALS, dir, text.length() > 40 ? text.substring(0, 40) + "..." : text);
            return;
        }
        if (!named) {
            ctx.protocol("kv");
            named = true;
        }
        if (!ctx.wants(KvDissector.SOURCE.name())) return;   // the query reads other tables: build no row
        Row row = ctx.newRow(KvDissector.SOURCE.name(), dir);
        String value = text.substring(eq + 1);
        row.put(KvDissector.KEY, text.substring(0, eq));
        row.put(KvDissector.VALUE, value);
        if (value.matches("-?\\d{1,18}")) row.put(KvDissector.NUMBER, Long.parseLong(value));
        ctx.emit(row);
    }

    @Override
    public void onGap(Direction dir, long length) {
        (dir == Direction.C2S ? c2s : s2c).reset();   // the line in progress lost its middle
    }
}
