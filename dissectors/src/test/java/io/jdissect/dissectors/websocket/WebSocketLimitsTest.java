package io.jdissect.dissectors.websocket;

import io.jdissect.dissectors.http.WebSocketHandshake;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;

import static io.jdissect.dissectors.websocket.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Every limit at its edge: at the limit nothing happens, one byte over gives the anomaly, and decoding continues. */
class WebSocketLimitsTest {
    private static final int LIMIT = 1000;

    @Test
    void framePayloadAtTheLimitIsDecoded() {
        FakeStreamContext ctx = run(WebSocketLimits.DEFAULTS.withMaxFramePayload(LIMIT), Frames.stream().text("a".repeat(LIMIT), 0));
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.published).hasSize(2);
    }

    @Test
    void framePayloadOverTheLimitIsSkippedInSync() {
        FakeStreamContext ctx = run(WebSocketLimits.DEFAULTS.withMaxFramePayload(LIMIT), Frames.stream().text("a".repeat(LIMIT + 1), 0));
        assertThat(ctx.anomalyIds()).containsExactly("websocket.frame.too_big");
        assertThat(ctx.rows.get(0).values()).containsEntry("websocket.payload_length", 1001L).doesNotContainKey("websocket.payload.text");
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("after");
    }

    /**
     * Conversations of one thread share websocket.max_held_bytes_total: one holding an unfinished 60 KB message
     * leaves the next too little for its own; that message is counted, not published, and the anomaly names the
     * pref. A finished message gives its bytes back.
     */
    @Test
    void messagesOfManyConversationsShareOneTotal() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.put(WebSocketLimits.MAX_HELD_TOTAL.id(), 64L << 10);
        WebSocketDecoder a = Frames.upgraded(ctx), b = Frames.upgraded(ctx), c = Frames.upgraded(ctx);
        a.onData(Direction.S2C, ByteView.of(Frames.stream().frame(false, 0, 1, 0, utf8("a".repeat(30_000)))
                .frame(false, 0, 0, 0, utf8("a".repeat(30_000))).bytes()));          // unfinished: 60 KB held
        b.onData(Direction.S2C, ByteView.of(Frames.stream().frame(false, 0, 1, 0, utf8("b".repeat(5000)))
                .frame(true, 0, 0, 0, utf8("b".repeat(5000))).bytes()));
        assertThat(ctx.anomalyIds()).containsExactly("websocket.held_total_exceeded");
        assertThat(ctx.anomalies.getFirst().detail()).contains("websocket.max_held_bytes_total=65536");
        assertThat(ctx.published).isEmpty();
        assertThat(ctx.rows.getLast().values()).containsEntry("websocket.message.length", 10_000L);
        a.onData(Direction.S2C, ByteView.of(Frames.stream().frame(true, 0, 0, 0, utf8("a")).bytes()));
        assertThat(ctx.published).extracting(p -> p.bytes().length).containsExactly(60_001);
        c.onData(Direction.S2C, ByteView.of(Frames.stream().frame(false, 0, 1, 0, utf8("c".repeat(5000)))
                .frame(true, 0, 0, 0, utf8("c".repeat(5000))).bytes()));
        assertThat(ctx.published).extracting(p -> p.bytes().length).containsExactly(60_001, 10_000);
        assertThat(ctx.anomalies).hasSize(1);
    }

    /** A conversation that ends inside a message or a frame gives back what it held (else the total leaks away). */
    @Test
    void aConversationEndingInsideAMessageGivesBackWhatItHeld() {
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoder a = Frames.upgraded(ctx), b = Frames.upgraded(ctx);
        a.onData(Direction.S2C, ByteView.of(Frames.stream().frame(false, 0, 1, 0, utf8("a".repeat(30_000))).bytes()));   // a message begun
        byte[] frame = Frames.stream().frame(true, 0, 1, 0, utf8("b".repeat(30_000))).bytes();
        b.onData(Direction.S2C, ByteView.of(Arrays.copyOf(frame, 20_000)));                                  // a frame begun
        assertThat(WebSocketBudget.of(ctx).used()).isGreaterThan(40_000);
        a.onEnd();
        b.onEnd();
        assertThat(ctx.anomalyIds()).contains("websocket.frame.incomplete");
        assertThat(WebSocketBudget.of(ctx).used()).isZero();
    }

    /**
     * A decompression context (zlib's state and window, outside the heap) is charged to the thread's total while it
     * lives: past the total a conversation's compressed message is counted, not published, and said; a conversation
     * that ends frees its context for the next.
     */
    @Test
    void compressionContextsOfManyConversationsShareOneTotal() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.put(WebSocketLimits.MAX_HELD_TOTAL.id(), (long) MessageInflater.CONTEXT_BYTES + 1000);
        Map<String, String> deflate = Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), "permessage-deflate");
        byte[] bytes = Frames.stream().frame(true, 4, 1, 0, Frames.deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), utf8("hello"))).bytes();
        WebSocketDecoder a = new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, deflate), b = new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, deflate);
        a.onData(Direction.S2C, ByteView.of(bytes));
        b.onData(Direction.S2C, ByteView.of(bytes));
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("hello");
        assertThat(ctx.anomalyIds()).containsExactly("websocket.held_total_exceeded");
        assertThat(ctx.anomalies.getFirst().detail()).startsWith("decompression context (40960 bytes) not kept");
        assertThat(ctx.rows).as("the frame not decoded is still a row").hasSize(2);
        assertThat(ctx.rows.getLast().values()).containsEntry("websocket.opcode", 1L).containsEntry("websocket.pmc", true);
        a.onEnd();
        assertThat(WebSocketBudget.of(ctx).used()).isZero();
        WebSocketDecoder c = new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, deflate);
        c.onData(Direction.S2C, ByteView.of(bytes));
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("hello", "hello");
    }

    @Test
    void eachWorkerThreadHasAnEvenShareOfTheTotal() {
        FakeStreamContext ctx = new FakeStreamContext();
        long total = 2L * (MessageInflater.CONTEXT_BYTES + 1000);
        ctx.prefs.put(WebSocketLimits.MAX_HELD_TOTAL.id(), total);
        ctx.workerThreads = 2;   // alone, both contexts would fit the total; one worker's half holds one
        Map<String, String> deflate = Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), "permessage-deflate");
        byte[] bytes = Frames.stream().frame(true, 4, 1, 0, Frames.deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), utf8("hello"))).bytes();
        new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, deflate).onData(Direction.S2C, ByteView.of(bytes));
        new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, deflate).onData(Direction.S2C, ByteView.of(bytes));
        assertThat(WebSocketBudget.of(ctx).limit()).isEqualTo(total / 2);
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("hello");
        assertThat(ctx.anomalies.getFirst().detail()).endsWith("the flows of one of 2 worker threads over its share ("
                + total / 2 + " bytes) of websocket.max_held_bytes_total=" + total);
    }

    @Test
    void messageAtTheLimitIsPublished() {
        FakeStreamContext ctx = run(WebSocketLimits.DEFAULTS.withMaxMessage(LIMIT), fragmented(LIMIT));
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.published.get(0).bytes()).hasSize(LIMIT);
    }

    @Test
    void messageOverTheLimitIsTruncatedAndNotPublished() {
        FakeStreamContext ctx = run(WebSocketLimits.DEFAULTS.withMaxMessage(LIMIT), fragmented(LIMIT + 1));
        assertThat(ctx.anomalyIds()).containsExactly("websocket.message.too_big");
        assertThat(ctx.rows.get(1).get("websocket.message.length")).isEqualTo((long) LIMIT + 1);
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("after");
    }

    @Test
    void textInRowCappedAtTheLimit() {
        WebSocketLimits limits = WebSocketLimits.DEFAULTS.withMaxTextInRow(10);
        assertThat(run(limits, Frames.stream().text("0123456789", 0)).anomalies).isEmpty();
        FakeStreamContext over = run(limits, Frames.stream().text("0123456789A", 0));
        assertThat(over.rows.get(0).get("websocket.payload.text")).isEqualTo("0123456789");
        assertThat(over.anomalyIds()).contains("websocket.text.truncated");
        assertThat(over.published.get(0).text()).isEqualTo("0123456789A");   // the limit is on the row, not the message
    }

    @Test
    void inflatedSizeAtTheLimitAndOver() {
        byte[] message = new byte[LIMIT];
        Arrays.fill(message, (byte) 'z');
        WebSocketLimits atLimit = WebSocketLimits.DEFAULTS.withMaxInflated(LIMIT);
        assertThat(runDeflated(atLimit, message).anomalies).isEmpty();
        FakeStreamContext over = runDeflated(WebSocketLimits.DEFAULTS.withMaxInflated(LIMIT - 1), message);
        assertThat(over.anomalyIds()).containsExactly("websocket.inflate.too_big");
        assertThat(over.published).extracting(FakeStreamContext.Published::text).containsExactly("after");
    }

    @Test
    void deflateBombEndsInAnAnomalyAndDecodingContinues() {
        byte[] bomb = new byte[64 << 20];   // 64 MiB of zeros deflate to ~64 KiB
        FakeStreamContext ctx = runDeflated(WebSocketLimits.DEFAULTS, bomb);
        assertThat(ctx.anomalyIds()).containsExactly("websocket.inflate.too_big");
        assertThat(ctx.anomalies.get(0).detail()).contains("ratio");
        assertThat(ctx.rows).hasSize(2);
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("after");
    }

    @Test
    void corruptDeflateDataIsAnAnomaly() {
        FakeStreamContext ctx = WebSocketDecoderTest.deflateContext("permessage-deflate");
        WebSocketDecoderTest.feed(ctx, Direction.S2C, Frames.stream()
                .frame(true, 4, 1, 0, new byte[]{(byte) 0xff, (byte) 0xff, 0x00, 0x12})
                .text("after", 0).bytes());
        assertThat(ctx.anomalyIds()).containsExactly("websocket.inflate.failed");
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("after");
    }

    @Test
    void limitsComeFromPreferences() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.put(WebSocketLimits.MAX_FRAME_PAYLOAD.id(), 200L);
        assertThat(WebSocketLimits.from(ctx).maxFramePayload()).isEqualTo(200);
        assertThat(WebSocketLimits.from(new FakeStreamContext())).isEqualTo(WebSocketLimits.DEFAULTS);
    }

    private static Frames fragmented(int total) {
        int half = total / 2;
        return Frames.stream().frame(false, 0, 1, 0, utf8("b".repeat(half))).frame(true, 0, 0, 0, utf8("b".repeat(total - half)));
    }

    private static FakeStreamContext run(WebSocketLimits limits, Frames frames) {
        FakeStreamContext ctx = new FakeStreamContext();
        new WebSocketDecoder(ctx, limits, Map.of()).onData(Direction.S2C, ByteView.of(frames.text("after", 0).bytes()));
        return ctx;
    }

    private static FakeStreamContext runDeflated(WebSocketLimits limits, byte[] message) {
        FakeStreamContext ctx = new FakeStreamContext();
        byte[] payload = Frames.deflate(new Deflater(Deflater.BEST_COMPRESSION, true), message);
        byte[] bytes = Frames.stream().frame(true, 4, 1, 0, payload).text("after", 0).bytes();
        new WebSocketDecoder(ctx, limits, Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), "permessage-deflate"))
                .onData(Direction.S2C, ByteView.of(bytes));
        return ctx;
    }
}
