package io.jdissect.dissectors.websocket;

import io.jdissect.dissectors.http.WebSocketHandshake;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import static io.jdissect.dissectors.websocket.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Decoding, fragmentation and chunking: a frame split anywhere decodes the same (R8). */
class WebSocketDecoderTest {
    private static final int KEY = 0x37fa213d;
    private static final String LONG = "x".repeat(300);

    /** Masked text, a 16-bit length, a fragmented text message with a ping inside, binary, pong, close. */
    static byte[] conversation() {
        return Frames.stream()
                .text("Hello", KEY)
                .text(LONG, KEY)
                .frame(false, 0, 1, KEY, utf8("frag-"))
                .frame(true, 0, 9, KEY, new byte[]{1, 2})
                .frame(false, 0, 0, KEY, utf8("mented-"))
                .frame(true, 0, 0, KEY, utf8("日本"))
                .frame(true, 0, 2, KEY, new byte[]{0, 1, 2, 3, 4, 5, 6})
                .frame(true, 0, 10, KEY, new byte[]{9})
                .frame(true, 0, 8, KEY, new byte[]{0x03, (byte) 0xe9, 'b', 'y', 'e'})
                .bytes();
    }

    @Test
    void decodesEveryFrameKind() {
        FakeStreamContext ctx = new FakeStreamContext();
        feed(ctx, Direction.C2S, conversation());
        List<Row> rows = ctx.rows("websocket");
        assertThat(rows).hasSize(9);
        assertThat(rows.get(0).values()).containsEntry("websocket.payload.text", "Hello").containsEntry("websocket.mask", true)
                .containsEntry("websocket.masking_key", "37fa213d").containsEntry("websocket.payload_length", 5L)
                .containsEntry("websocket.direction", "c2s").containsEntry("websocket.message.fragments", 1L);
        assertThat(rows.get(1).values()).containsEntry("websocket.payload_length", 300L).containsEntry("websocket.payload_length_ext_16", 300L)
                .doesNotContainKey("websocket.payload_length_ext_64");
        assertThat(rows.get(3).values()).containsEntry("websocket.opcode", 9L).containsEntry("websocket.payload.ping", "0102");
        assertThat(rows.get(5).values()).containsEntry("websocket.payload.text", "日本")
                .containsEntry("websocket.message.text", "frag-mented-日本").containsEntry("websocket.message.fragments", 3L)
                .containsEntry("websocket.message.length", 18L);
        assertThat(rows.get(2).values()).doesNotContainKey("websocket.message.length");
        assertThat(rows.get(6).values()).containsEntry("websocket.payload.binary_length", 7L);
        assertThat(rows.get(7).values()).containsEntry("websocket.payload.pong", "09");
        assertThat(rows.get(8).values()).containsEntry("websocket.payload.close.status_code", 1001L)
                .containsEntry("websocket.payload.close.reason", "bye");
        assertThat(ctx.published).extracting(FakeStreamContext.Published::table, FakeStreamContext.Published::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("websocket.text", "Hello"),
                        org.assertj.core.groups.Tuple.tuple("websocket.text", LONG),
                        org.assertj.core.groups.Tuple.tuple("websocket.text", "frag-mented-日本"),
                        org.assertj.core.groups.Tuple.tuple("websocket.binary", "\0\1\2\3\4\5\6"));
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.protocol).isEqualTo("websocket");
    }

    @Test
    void splitAtEveryOffsetDecodesTheSame() {
        byte[] all = conversation();
        FakeStreamContext whole = new FakeStreamContext();
        feed(whole, Direction.C2S, all);
        for (int cut = 1; cut < all.length; cut++) {
            FakeStreamContext ctx = new FakeStreamContext();
            WebSocketDecoder d = new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, Map.of());
            d.onData(Direction.C2S, ByteView.of(all, 0, cut));
            d.onData(Direction.C2S, ByteView.of(all, cut, all.length - cut));
            assertThat(values(ctx)).as("cut at " + cut).isEqualTo(values(whole));
            assertThat(ctx.anomalies).as("cut at " + cut).isEmpty();
        }
    }

    @Test
    void byteByByteDecodesTheSame() {
        byte[] all = conversation();
        FakeStreamContext whole = new FakeStreamContext();
        feed(whole, Direction.C2S, all);
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoder d = new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, Map.of());
        for (int i = 0; i < all.length; i++) d.onData(Direction.C2S, ByteView.of(all, i, 1));
        assertThat(values(ctx)).isEqualTo(values(whole));
    }

    @Test
    void rowIsAttributedToThePacketCompletingTheFrame() {
        byte[] all = Frames.stream().text("abc", 0).text("defg", 0).bytes();
        FakeStreamContext ctx = new FakeStreamContext();
        WebSocketDecoder d = new WebSocketDecoder(ctx, WebSocketLimits.DEFAULTS, Map.of());
        ctx.frame = 10;
        d.onData(Direction.S2C, ByteView.of(all, 0, 4));     // first frame minus its last byte
        ctx.frame = 11;
        d.onData(Direction.S2C, ByteView.of(all, 4, all.length - 4));
        assertThat(ctx.rows).extracting(r -> r.get("frame.number")).containsExactly(11L, 11L);
    }

    @Test
    void captureBytesAreNotModifiedByUnmasking() {
        byte[] all = conversation();
        byte[] copy = all.clone();
        feed(new FakeStreamContext(), Direction.C2S, all);
        assertThat(all).isEqualTo(copy);
    }

    @Test
    void permessageDeflateWithContextTakeover() {
        Deflater server = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] all = Frames.stream()
                .frame(true, 4, 1, 0, Frames.deflate(server, utf8("TOGGLE=one")))
                .frame(true, 4, 1, 0, Frames.deflate(server, utf8("TOGGLE=one")))   // back-references the first message
                .frame(true, 0, 1, 0, utf8("plain"))
                .bytes();
        FakeStreamContext ctx = deflateContext("permessage-deflate; client_max_window_bits=15");
        feed(ctx, Direction.S2C, all);
        assertThat(ctx.rows).extracting(r -> r.get("websocket.payload.text")).containsExactly("TOGGLE=one", "TOGGLE=one", "plain");
        assertThat(ctx.rows).extracting(r -> r.get("websocket.pmc")).containsExactly(true, true, false);
        assertThat(ctx.rows.get(0).get("websocket.rsv")).isEqualTo(4L);
        assertThat(ctx.anomalies).isEmpty();
    }

    @Test
    void permessageDeflateFragmentedAndNoContextTakeover() {
        byte[] first = Frames.deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), utf8("hello hello hello"));
        byte[] second = Frames.deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), utf8("again"));
        byte[] all = Frames.stream()
                .frame(false, 4, 1, KEY, java.util.Arrays.copyOfRange(first, 0, 3))
                .frame(true, 0, 0, KEY, java.util.Arrays.copyOfRange(first, 3, first.length))
                .frame(true, 4, 1, KEY, second)
                .bytes();
        FakeStreamContext ctx = deflateContext("permessage-deflate; client_no_context_takeover");
        feed(ctx, Direction.C2S, all);
        assertThat(ctx.published).extracting(FakeStreamContext.Published::text).containsExactly("hello hello hello", "again");
        assertThat(ctx.rows.get(1).get("websocket.message.text")).isEqualTo("hello hello hello");
        assertThat(ctx.anomalies).isEmpty();
    }

    @Test
    void offeredButNotAcceptedDeflateMeansRsv1IsAnAnomaly() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.handshake = Map.of("request.sec-websocket-extensions", "permessage-deflate; client_max_window_bits");
        feed(ctx, Direction.S2C, Frames.stream().frame(true, 4, 1, 0, utf8("x")).bytes());
        assertThat(ctx.anomalyIds()).containsExactly("websocket.rsv.unexpected");
    }

    static FakeStreamContext deflateContext(String responseExtensions) {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.handshake = Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), responseExtensions);
        return ctx;
    }

    static WebSocketDecoder feed(FakeStreamContext ctx, Direction dir, byte[] bytes) {
        WebSocketDecoder d = Frames.upgraded(ctx);
        d.onData(dir, ByteView.of(bytes));
        return d;
    }

    static List<Map<String, Object>> values(FakeStreamContext ctx) {
        return ctx.rows.stream().map(Row::values).map(v -> {
            Map<String, Object> m = new java.util.TreeMap<>(v);
            m.remove("frame.number");
            return (Map<String, Object>) m;
        }).toList();
    }
}
