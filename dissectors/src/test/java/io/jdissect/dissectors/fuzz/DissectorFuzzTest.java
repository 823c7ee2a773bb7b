package io.jdissect.dissectors.fuzz;

import io.jdissect.dissectors.http.WebSocketHandshake;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.http.HttpDecoder;
import io.jdissect.dissectors.http.HttpLimits;
import io.jdissect.dissectors.websocket.WebSocketDecoder;
import io.jdissect.dissectors.websocket.WebSocketFuzzAccess;
import io.jdissect.dissectors.websocket.WebSocketLimits;
import io.jdissect.dissectors.wmchat.ChatDecoder;
import io.jdissect.dissectors.wmchat.ChatLimits;
import io.jdissect.dissectors.wmchat.ChatTranscript;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.testing.FakeStreamContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fuzz target per dissector. In a normal test run they replay their seeds (regression mode, the inputs
 * under src/test/resources/io/jdissect/dissectors/fuzz/DissectorFuzzTestInputs/METHOD/); {@code bin/fuzz}
 * runs each in fuzzing mode. Every target asserts that no exception escapes (a throw fails the target) and
 * that what the decoder keeps stays within its limits, set small here so the bounds are hit often.
 */
class DissectorFuzzTest {
    private static final int MAX_TEXT = 4096;
    private static final int MAX_MESSAGE = 64 * 1024;

    @FuzzTest(maxDuration = "10s")
    void httpStream(byte[] data) {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.putAll(Map.of(HttpLimits.MAX_BODY_KEPT.id(), 64L << 10, HttpLimits.MAX_BODY_TEXT.id(), (long) MAX_TEXT,
                HttpLimits.MAX_INFLATED.id(), 1L << 20, HttpLimits.MAX_UPGRADE_HELD.id(), 64L << 10));
        run(HttpDecoder.create(ctx), ctx, data);
        for (Row r : ctx.rows) {
            Object body = r.get("http.body");
            if (body instanceof String s) assertThat(s.length()).isLessThanOrEqualTo(MAX_TEXT);
        }
        for (FakeStreamContext.Upgrade u : ctx.upgrades) assertThat(u.c2s().length).isLessThanOrEqualTo(64 << 10);
    }

    /** Bit 0 of the first byte: permessage-deflate negotiated; bit 1: no handshake (decode as / mid-stream, with the probe). */
    @FuzzTest(maxDuration = "10s")
    void websocketStream(byte[] data) {
        if (data.length == 0) return;
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.putAll(Map.of(WebSocketLimits.MAX_FRAME_PAYLOAD.id(), (long) MAX_MESSAGE, WebSocketLimits.MAX_MESSAGE.id(), (long) MAX_MESSAGE,
                WebSocketLimits.MAX_INFLATED.id(), (long) MAX_MESSAGE, WebSocketLimits.MAX_TEXT_IN_ROW.id(), (long) MAX_TEXT));
        int mode = data[0];
        byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
        if ((mode & 2) == 0) {
            ctx.handshake = (mode & 1) != 0
                    ? Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), "permessage-deflate; client_max_window_bits")
                    : Map.of("response.upgrade", "websocket");
            run(WebSocketDecoder.create(ctx), ctx, rest);
        } else {
            java.io.ByteArrayOutputStream c2s = new java.io.ByteArrayOutputStream(), s2c = new java.io.ByteArrayOutputStream();
            for (FuzzInput.Delivery d : FuzzInput.parse(rest).deliveries()) {
                if (!d.gap()) (d.direction() == Direction.C2S ? c2s : s2c).writeBytes(d.bytes().copyBytes());
            }
            run(WebSocketFuzzAccess.probedDecoder(ctx, ByteView.of(c2s.toByteArray()), ByteView.of(s2c.toByteArray())), ctx, rest);
        }
        for (FakeStreamContext.Published p : ctx.published) assertThat(p.bytes().length).isLessThanOrEqualTo(MAX_MESSAGE);
        for (Row r : ctx.rows) {
            if (r.get("websocket.payload.text") instanceof String s) assertThat(s.length()).isLessThanOrEqualTo(MAX_TEXT);
            if (r.get("websocket.message.text") instanceof String s) assertThat(s.length()).isLessThanOrEqualTo(MAX_TEXT);
        }
    }

    /** Each delivery is one whole WebSocket text message of that direction; then the transcript of the rows. */
    @FuzzTest(maxDuration = "10s")
    void chatMessages(byte[] data) {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.putAll(Map.of(ChatLimits.MAX_MESSAGE_BYTES.id(), 16L << 10, ChatLimits.MAX_NAMES.id(), 50L));
        if (data.length > 0 && (data[0] & 4) != 0) ctx.handshake = Map.of("response.upgrade", "websocket");
        ChatDecoder decoder = ChatDecoder.create(ctx);
        for (FuzzInput.Delivery d : FuzzInput.parse(data).deliveries()) {
            if (!d.gap()) decoder.onMessage(d.direction(), d.bytes());
            ctx.frame++;
        }
        ChatTranscript.of(ctx.rows("chat"));
        assertThat(ctx.rows.size()).isLessThanOrEqualTo(FuzzInput.parse(data).deliveries().size());
    }

    private static void run(StreamDecoder decoder, FakeStreamContext ctx, byte[] data) {
        for (FuzzInput.Delivery d : FuzzInput.parse(data).deliveries()) {
            if (d.gap()) decoder.onGap(d.direction(), d.length());
            else decoder.onData(d.direction(), d.bytes());
            ctx.frame++;
        }
        decoder.onEnd();
    }
}
