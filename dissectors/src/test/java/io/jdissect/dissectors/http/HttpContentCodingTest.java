package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Stacked Content-Encoding codings are undone last first, within one inflate limit for the whole chain. */
class HttpContentCodingTest {
    private static final String JSON = "{\"ok\":true}";

    private static FakeStreamContext respond(HttpLimits limits, String codingHeaders, byte[] body) {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = new HttpDecoder(ctx, limits);
        d.onData(Direction.C2S, view("GET / HTTP/1.1\r\n\r\n"));
        d.onData(Direction.S2C, view("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + codingHeaders
                + "Content-Length: " + body.length + "\r\n\r\n"));
        d.onData(Direction.S2C, ByteView.of(body));
        d.onEnd();
        return ctx;
    }

    private static FakeStreamContext respond(String codingHeaders, byte[] body) {
        return respond(HttpLimits.DEFAULTS, codingHeaders, body);
    }

    private static ByteView view(String s) { return ByteView.of(s.getBytes(StandardCharsets.ISO_8859_1)); }

    private static byte[] gzip(byte[] b) throws Exception { return HttpDecoderTest.gzip(b); }

    private static byte[] zlib(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) { z.write(b); }
        return out.toByteArray();
    }

    @Test
    void gzipOfGzipIsUndoneTwice() throws Exception {
        FakeStreamContext ctx = respond("Content-Encoding: gzip, gzip\r\n", gzip(gzip(JSON.getBytes(StandardCharsets.UTF_8))));
        assertThat(ctx.rows("http").get(1).values()).containsEntry("http.body", JSON).containsEntry("http.content_encoding", "gzip, gzip");
        assertThat(ctx.anomalies).isEmpty();
    }

    @Test
    void codingsOnSeveralHeaderLinesAreOneListInTheOrderApplied() throws Exception {
        // deflate applied first, then gzip: undone gzip first
        byte[] body = gzip(zlib(JSON.getBytes(StandardCharsets.UTF_8)));
        FakeStreamContext ctx = respond("Content-Encoding: deflate\r\nContent-Encoding: GZIP , identity\r\n", body);
        assertThat(ctx.rows("http").get(1).values()).containsEntry("http.body", JSON);
        assertThat(ctx.anomalies).isEmpty();
        // the other order does not decode, and the anomaly says at which step
        FakeStreamContext wrong = respond("Content-Encoding: gzip, deflate\r\n", body);
        assertThat(wrong.rows("http").get(1).values()).doesNotContainKey("http.body");
        assertThat(wrong.anomalyIds()).containsExactly("http.inflate.failed");
        assertThat(wrong.anomalies.getFirst().detail()).contains("(coding 2 of 2, deflate)");
    }

    @Test
    void aCodingThatCannotBeUndoneIsAnAnomalyNotSilence() throws Exception {
        FakeStreamContext ctx = respond("Content-Encoding: gzip, br\r\n", gzip(JSON.getBytes(StandardCharsets.UTF_8)));
        assertThat(ctx.rows("http").get(1).values()).doesNotContainKey("http.body").containsEntry("http.body_length", 31L);
        assertThat(ctx.anomalyIds()).containsExactly("http.content_encoding.unsupported");
        assertThat(ctx.anomalies.getFirst().detail()).isEqualTo("Content-Encoding br is not supported (coding 2 of 2, br); the body is not decoded");
        assertThat(respond("Content-Encoding: x-made-up\r\n", JSON.getBytes(StandardCharsets.UTF_8)).anomalyIds())
                .containsExactly("http.content_encoding.unsupported");
    }

    @Test
    void theInflateLimitBoundsTheWholeChain() throws Exception {
        // 600 KiB of zeros: each step alone is under the 1 MiB limit, the two together are not
        byte[] inner = gzip(new byte[600 << 10]);
        byte[] outer = gzip(pad(inner, 600 << 10));
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxInflated(1 << 20);
        FakeStreamContext one = respond(limits, "Content-Encoding: gzip\r\n", inner);
        assertThat(one.anomalyIds()).containsExactly("http.body.text_truncated");   // decoded: only the row's text is cut
        FakeStreamContext two = respond(limits, "Content-Encoding: gzip, gzip\r\n", outer);
        assertThat(two.anomalyIds()).containsExactly("http.inflate.too_big");
        assertThat(two.anomalies.getFirst().detail()).contains("over 1048576 bytes inflated").contains("bytes of the codings undone before")
                .contains("(coding 1 of 2, gzip)");
        assertThat(two.rows("http").get(1).values()).doesNotContainKey("http.body");
    }

    /** {@code gz} followed by zeros up to {@code size} bytes: gzip ignores what follows its member's end. */
    private static byte[] pad(byte[] gz, int size) {
        return java.util.Arrays.copyOf(gz, Math.max(size, gz.length));
    }

    @Test
    void deflateLevelDoesNotMatter() throws Exception {
        Deflater d = new Deflater(Deflater.NO_COMPRESSION);
        d.setInput(JSON.getBytes(StandardCharsets.UTF_8));
        d.finish();
        byte[] buf = new byte[256];
        int n = d.deflate(buf);
        byte[] body = gzip(java.util.Arrays.copyOf(buf, n));
        assertThat(respond("Content-Encoding: deflate, gzip\r\n", body).rows("http").get(1).values()).containsEntry("http.body", JSON);
    }
}
