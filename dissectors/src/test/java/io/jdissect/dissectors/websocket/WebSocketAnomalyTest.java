package io.jdissect.dissectors.websocket;

import io.jdissect.dissectors.http.WebSocketHandshake;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.jdissect.dissectors.websocket.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Each RFC 6455 violation yields exactly its anomaly, and decoding carries on with the next frame. */
class WebSocketAnomalyTest {
    private static final int KEY = 0x01020304;

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("websocket.mask.missing", Direction.C2S, Frames.stream().text("hi", 0)),
                Arguments.of("websocket.mask.unexpected", Direction.S2C, Frames.stream().text("hi", KEY)),
                Arguments.of("websocket.control_frame.too_big", Direction.S2C, Frames.stream().frame(true, 0, 9, 0, new byte[126])),
                Arguments.of("websocket.control_frame.fragmented", Direction.S2C, Frames.stream().frame(false, 0, 9, 0, new byte[1])),
                Arguments.of("websocket.rsv.unexpected", Direction.S2C, Frames.stream().frame(true, 2, 1, 0, utf8("x"))),
                Arguments.of("websocket.opcode.reserved", Direction.S2C, Frames.stream().frame(true, 0, 3, 0, new byte[]{7})),
                Arguments.of("websocket.opcode.reserved", Direction.S2C, Frames.stream().frame(true, 0, 11, 0, new byte[0])),
                Arguments.of("websocket.text.bad_utf8", Direction.S2C, Frames.stream().frame(true, 0, 1, 0, new byte[]{'a', (byte) 0xc0, (byte) 0xaf})),
                Arguments.of("websocket.text.bad_utf8", Direction.S2C, Frames.stream().frame(true, 0, 1, 0, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80})),
                Arguments.of("websocket.continuation.unexpected", Direction.S2C, Frames.stream().frame(true, 0, 0, 0, utf8("x"))),
                Arguments.of("websocket.data_frame.unexpected", Direction.S2C, Frames.stream().frame(false, 0, 1, 0, utf8("a")).frame(true, 0, 1, 0, utf8("b"))),
                Arguments.of("websocket.length.not_minimal", Direction.S2C, Frames.stream().frame(true, 0, 2, 0, new byte[5], 16)),
                Arguments.of("websocket.length.not_minimal", Direction.S2C, Frames.stream().frame(true, 0, 2, 0, new byte[200], 64)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void violationGivesItsAnomalyAndDecodingContinues(String id, Direction dir, Frames frames) {
        int maskKey = dir == Direction.C2S ? KEY : 0;
        byte[] bytes = frames.text("after", maskKey).bytes();
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoderTest.feed(ctx, dir, bytes);
        assertThat(ctx.anomalyIds()).containsExactly(id);
        assertThat(ctx.rows.getLast().get("websocket.payload.text")).isEqualTo("after");
    }

    @Test
    void badUtf8TextIsNotPublished() {
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoderTest.feed(ctx, Direction.S2C, Frames.stream().frame(true, 0, 1, 0, new byte[]{(byte) 0xff}).bytes());
        assertThat(ctx.published).isEmpty();
    }

    @Test
    void lengthWithMostSignificantBitSet() {
        byte[] bytes = Frames.stream().raw(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1).raw(new int[64]).text("next", 0).bytes();
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoderTest.feed(ctx, Direction.S2C, bytes);
        assertThat(ctx.anomalyIds()).startsWith("websocket.length.msb_set", "websocket.resync");
        assertThat(ctx.rows.getLast().get("websocket.payload.text")).isEqualTo("next");
    }

    @Test
    void hugeClaimedLengthIsCountedThroughWithoutAllocating() {
        // 2^63-1 bytes claimed: the decoder must neither allocate that nor lose track; it keeps counting payload.
        byte[] header = Frames.stream().raw(0x82, 127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff).bytes();
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoder d = WebSocketDecoderTest.feed(ctx, Direction.S2C, header);
        byte[] chunk = new byte[1 << 20];
        long before = usedHeap();
        for (int i = 0; i < 64; i++) d.onData(Direction.S2C, ByteView.of(chunk));
        assertThat(usedHeap() - before).as("heap growth while skipping 64 MiB").isLessThan(32L << 20);
        d.onEnd();
        assertThat(ctx.anomalyIds()).containsExactly("websocket.frame.too_big", "websocket.frame.incomplete");
        assertThat(ctx.rows).isEmpty();
    }

    @Test
    void gapInsidePayloadKeepsFrameBoundaries() {
        byte[] bytes = Frames.stream().text("0123456789", 0).text("next", 0).bytes();
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoder d = Frames.upgraded(ctx);
        d.onData(Direction.S2C, ByteView.of(bytes, 0, 5));
        d.onGap(Direction.S2C, 4);
        d.onData(Direction.S2C, ByteView.of(bytes, 9, bytes.length - 9));
        assertThat(ctx.anomalyIds()).containsExactly("websocket.payload.lost");
        assertThat(ctx.rows).extracting(r -> r.get("websocket.payload_length")).containsExactly(10L, 4L);
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("next");
    }

    @Test
    void gapAcrossFramesResynchronisesOnAPlausibleHeader() {
        byte[] bytes = Frames.stream().text("first frame", 0).text("lost", 0).text("found", 0).bytes();
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoder d = Frames.upgraded(ctx);
        d.onData(Direction.S2C, ByteView.of(bytes, 0, 5));
        d.onGap(Direction.S2C, 10);   // the rest of frame 1 and the start of frame 2
        d.onData(Direction.S2C, ByteView.of(bytes, 15, bytes.length - 15));
        assertThat(ctx.anomalyIds()).containsExactly("websocket.desync", "websocket.resync");
        assertThat(ctx.rows).extracting(r -> r.get("websocket.payload.text")).containsExactly("found");
    }

    @Test
    void nothingThrowsOnGarbage() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[random.nextInt(600)];
            random.nextBytes(junk);
            FakeStreamContext ctx = deflateOrNot(round);
            WebSocketDecoder d = Frames.upgraded(ctx);
            int pos = 0;
            while (pos < junk.length) {
                int n = Math.min(junk.length - pos, 1 + random.nextInt(40));
                d.onData(round % 2 == 0 ? Direction.C2S : Direction.S2C, ByteView.of(junk, pos, n));
                if (random.nextInt(10) == 0) d.onGap(Direction.S2C, random.nextInt(100));
                pos += n;
            }
            d.onEnd();
        }
    }

    private static FakeStreamContext deflateOrNot(int round) {
        FakeStreamContext ctx = new FakeStreamContext();
        if (round % 3 == 0) ctx.handshake = Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), "permessage-deflate");
        return ctx;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
