package io.jdissect.dissectors.http;

import io.jdissect.spi.Direction;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.zip.Deflater;

import static io.jdissect.dissectors.http.HttpDecoderTest.view;
import static org.assertj.core.api.Assertions.assertThat;

/** Malformed HTTP yields its anomaly and the next message still decodes; limits at their edge. */
class HttpAnomalyTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http.start_line.malformed|HELLO THERE\\r\\n",
            "http.header.malformed|GET /x HTTP/1.1\\r\\nno colon here\\r\\n\\r\\n",
            "http.content_length.invalid|POST /x HTTP/1.1\\r\\nContent-Length: 12abc\\r\\n\\r\\n",
            "http.content_length.invalid|POST /x HTTP/1.1\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nx",
            "http.te_and_length|POST /x HTTP/1.1\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabc\\r\\n0\\r\\n\\r\\n",
            "http.chunk.invalid|POST /x HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n",
    })
    void malformedRequestThenAGoodOne(String id, String bad) {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view(bad.replace("\\r\\n", "\r\n") + "GET /good HTTP/1.1\r\n\r\n"));
        assertThat(ctx.anomalyIds()).containsExactly(id);
        assertThat(ctx.rows.getLast().get("http.request.uri")).isEqualTo("/good");
    }

    /**
     * Conversations of one thread share http.max_held_bytes_total: one holding an unfinished header section leaves
     * the next less; past the total, headers are not kept (framing still honoured) and the anomaly names the pref.
     * Finished messages give their bytes back.
     */
    @Test
    void unfinishedHeaderSectionsOfManyConversationsShareOneTotal() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.put(HttpLimits.MAX_HELD_TOTAL.id(), 5120L);
        HttpDecoder first = HttpDecoder.create(ctx), second = HttpDecoder.create(ctx);
        first.onData(Direction.C2S, view("GET /a HTTP/1.1\r\n" + headers("A", 20)));      // unfinished: about 4 KiB held
        assertThat(ctx.anomalies).isEmpty();
        second.onData(Direction.C2S, view("GET /b HTTP/1.1\r\nHost: b\r\n" + headers("B", 10) + "\r\n"));
        assertThat(ctx.anomalyIds()).containsExactly("http.held_total_exceeded");
        assertThat(ctx.anomalies.getFirst().detail()).contains("http.max_held_bytes_total=5120");
        assertThat(ctx.rows).hasSize(1);
        assertThat(ctx.rows.getFirst().values()).containsEntry("http.request.uri", "/b").containsEntry("http.host", "b");
        first.onData(Direction.C2S, view("\r\n"));                  // the first finishes: its bytes come back
        assertThat(ctx.rows).hasSize(2);
        HttpDecoder third = HttpDecoder.create(ctx);
        third.onData(Direction.C2S, view("GET /c HTTP/1.1\r\n" + headers("C", 20) + "\r\n"));
        assertThat(ctx.rows).hasSize(3);
        assertThat(ctx.anomalies).as(ctx.anomalies.toString()).hasSize(1);
    }

    /**
     * A conversation that ends (closed, evicted from the flow table, idle too long) inside a message gives back
     * what it held: else every unfinished message would take from the thread's total for the rest of the run.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "header section|GET /a HTTP/1.1\\r\\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\r\\nX-B: b",
            "counted body|POST /a HTTP/1.1\\r\\nContent-Length: 100000\\r\\n\\r\\n%BODY%",
            "chunked body|POST /a HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n4000\\r\\n%BODY%",
    })
    void aConversationEndingInsideAMessageGivesBackWhatItHeld(String what, String bytes) {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view(bytes.replace("\\r\\n", "\r\n").replace("%BODY%", "x".repeat(10_000))));
        assertThat(HttpBudget.of(ctx).used()).as(what + " held while open").isPositive();
        d.onEnd();
        assertThat(ctx.anomalyIds()).as(what).contains("http.message.incomplete");
        assertThat(HttpBudget.of(ctx).used()).as(what + " held after the end").isZero();
    }

    /**
     * A body delimited by the connection's close: at the server's FIN it is complete and nothing is said; when the
     * conversation ends without that FIN (the capture ends, say) the row is still given, and the anomaly says the
     * body may be cut short (tshark gives no row at all then).
     */
    @Test
    void aCloseDelimitedBodyWithoutTheFinIsGivenAndSaid() {
        String response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello";
        FakeStreamContext closed = new FakeStreamContext();
        HttpDecoder a = HttpDecoder.create(closed);
        a.onData(Direction.S2C, view(response));
        a.onFin(Direction.S2C);
        a.onEnd();
        assertThat(closed.anomalies).isEmpty();
        assertThat(closed.rows.getLast().values()).containsEntry("http.body_length", 5L);

        FakeStreamContext cut = new FakeStreamContext();
        HttpDecoder b = HttpDecoder.create(cut);
        b.onData(Direction.S2C, view(response));
        b.onEnd();
        assertThat(cut.anomalyIds()).containsExactly("http.body.close_not_seen");
        assertThat(cut.anomalies.getFirst().detail()).isEqualTo("5 body bytes, no FIN after them");
        assertThat(cut.rows.getLast().values()).containsEntry("http.body_length", 5L);
    }

    private static String headers(String name, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("X-").append(name).append(i).append(": ").append("v".repeat(90)).append("\r\n");
        return sb.toString();
    }

    @Test
    void bodiesOfManyConversationsShareOneTotal() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.prefs.put(HttpLimits.MAX_HELD_TOTAL.id(), 64L << 10);
        HttpDecoder a = HttpDecoder.create(ctx), b = HttpDecoder.create(ctx);
        a.onData(Direction.S2C, view("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(60_000)));   // holds 64 KiB
        b.onData(Direction.S2C, view("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "y".repeat(1000)));
        assertThat(ctx.anomalyIds()).containsExactly("http.held_total_exceeded");   // b kept its first 256 bytes only
        assertThat(ctx.rows.getLast().values()).containsEntry("http.response.code", 200L).containsEntry("http.body_length", 1000L);
    }

    @Test
    void headerSectionAtTheLimitAndOver() {
        String start = "GET / HTTP/1.1\r\n";
        String header = "X: " + "a".repeat(100 - start.length() - 5) + "\r\n";   // start line + header = 100 bytes
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderBytes(100);
        assertThat(run(limits, start + header + "\r\n").anomalies).isEmpty();
        FakeStreamContext over = run(limits, start + header.replace("X:", "XY:") + "\r\n");
        assertThat(over.anomalyIds()).containsExactly("http.header.too_long");
        assertThat(over.rows).hasSize(1);
    }

    @Test
    void headerCountAtTheLimitAndOver() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaders(3);
        assertThat(run(limits, "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n").anomalies).isEmpty();
        FakeStreamContext over = run(limits, "POST / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 2\r\n\r\nok");
        assertThat(over.anomalyIds()).containsExactly("http.header.too_many");
        assertThat(over.rows.get(0).values()).doesNotContainKey("http.header.content_length").containsEntry("http.body_length", 2L);
    }

    @Test
    void bodyTextAtTheLimitAndOver() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxBodyText(4);
        assertThat(run(limits, "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nabcd").anomalies).isEmpty();
        FakeStreamContext over = run(limits, "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nabcde");
        assertThat(over.anomalyIds()).containsExactly("http.body.text_truncated");
        assertThat(over.rows.get(0).values()).containsEntry("http.body", "abcd").containsEntry("http.body_length", 5L);
    }

    @Test
    void bodyKeptAtTheLimitAndOver() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxBodyKept(4);
        assertThat(run(limits, "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nabcd").anomalies).isEmpty();
        FakeStreamContext over = run(limits, "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nabcde");
        assertThat(over.anomalyIds()).containsExactly("http.body.truncated");
        assertThat(over.rows.get(0).values()).containsEntry("http.body", "abcd").containsEntry("http.body_length", 5L);
    }

    @Test
    void deflateBombIsAnAnomaly() {
        byte[] zeros = new byte[4 << 20];
        Deflater z = new Deflater(Deflater.BEST_COMPRESSION);
        z.setInput(zeros);
        z.finish();
        byte[] buf = new byte[64 << 10];
        int n = z.deflate(buf);
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = new HttpDecoder(ctx, HttpLimits.DEFAULTS.withMaxInflated(1 << 20));
        d.onData(Direction.S2C, view("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: deflate\r\nContent-Length: " + n + "\r\n\r\n"));
        d.onData(Direction.S2C, io.jdissect.bytes.ByteView.of(buf, 0, n));
        d.onData(Direction.S2C, view("HTTP/1.1 204 No Content\r\n\r\n"));
        assertThat(ctx.anomalyIds()).containsExactly("http.inflate.too_big");
        assertThat(ctx.rows).hasSize(2);
        assertThat(ctx.rows.get(0).values()).doesNotContainKey("http.body");
    }

    @Test
    void endInsideAMessageIsNoted() {
        FakeStreamContext ctx = run(HttpLimits.DEFAULTS, "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
        assertThat(ctx.anomalyIds()).containsExactly("http.message.incomplete");
        assertThat(ctx.rows).isEmpty();
    }

    @Test
    void nothingThrowsOnGarbage() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[random.nextInt(800)];
            random.nextBytes(junk);
            if (round % 2 == 0) System.arraycopy("HTTP/1.1 200 OK\r\n".getBytes(), 0, junk, 0, Math.min(17, junk.length));
            FakeStreamContext ctx = new FakeStreamContext();
            HttpDecoder d = HttpDecoder.create(ctx);
            d.onData(round % 2 == 0 ? Direction.S2C : Direction.C2S, io.jdissect.bytes.ByteView.of(junk));
            d.onGap(Direction.S2C, random.nextInt(100));
            d.onEnd();
        }
    }

    private static FakeStreamContext run(HttpLimits limits, String c2s) {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = new HttpDecoder(ctx, limits);
        d.onData(Direction.C2S, view(c2s));
        d.onEnd();
        return ctx;
    }
}
