package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests and responses on one connection: keep-alive, pipelining, every body framing; split anywhere (R8). */
class HttpDecoderTest {
    static final String REQUESTS = ""
            + "GET /a HTTP/1.1\r\nHost: example.org\r\nUser-Agent: t\r\nX-Dup: 1\r\nX-Dup: 2\r\n\r\n"
            + "POST /form HTTP/1.1\r\nHost: example.org\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nk=v&x=y"
            + "HEAD /h HTTP/1.1\r\nHost: example.org\r\n\r\n"
            + "GET /c HTTP/1.1\r\nHost: example.org\r\n\r\n"
            + "GET /n HTTP/1.1\r\nHost: example.org\r\n\r\n";
    static final String RESPONSES = ""
            + "HTTP/1.1 200 OK\r\nServer: s\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
            + "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"   // answer to HEAD: no body
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "4;ext=1\r\nchun\r\n3\r\nked\r\n0\r\nTrailer: x\r\n\r\n"
            + "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";

    @Test
    void decodesPipelinedKeepAliveConversation() {
        FakeStreamContext ctx = run(REQUESTS, RESPONSES);
        List<Row> rows = ctx.rows("http");
        assertThat(rows).extracting(r -> r.get("http.request.uri")).containsExactly("/a", "/form", "/h", "/c", "/n",
                null, null, null, null, null, null);
        assertThat(rows).extracting(r -> r.get("http.response.code")).containsExactly(null, null, null, null, null,
                200L, 100L, 201L, 200L, 200L, 200L);
        Row get = rows.get(0);
        assertThat(get.values()).containsEntry("http.request", true).containsEntry("http.request.method", "GET")
                .containsEntry("http.request.version", "HTTP/1.1").containsEntry("http.host", "example.org")
                .containsEntry("http.user_agent", "t").containsEntry("http.header.x_dup", List.of("1", "2"))
                .containsEntry("http.header.host", "example.org");
        assertThat(rows.get(1).values()).containsEntry("http.body", "k=v&x=y").containsEntry("http.body_length", 7L)
                .containsEntry("http.content_length", 7L);
        assertThat(rows.get(5).values()).containsEntry("http.body", "hello").containsEntry("http.server", "s")
                .containsEntry("http.response.phrase", "OK").containsEntry("http.response", true);
        assertThat(rows.get(8).values()).containsEntry("http.body_length", 0L).containsEntry("http.content_length", 1234L);
        assertThat(rows.get(9).values()).containsEntry("http.body", "chunked").containsEntry("http.body_length", 7L);
        assertThat(rows.get(10).values()).containsEntry("http.body", "until the end").containsEntry("http.response.version", "HTTP/1.0");
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.protocol).isEqualTo("http");
    }

    @Test
    void responsesNameTheirRequestFrame() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        ctx.frame = 3;
        d.onData(Direction.C2S, view("GET / HTTP/1.1\r\n\r\n"));
        ctx.frame = 5;
        d.onData(Direction.S2C, view("HTTP/1.1 204 No Content\r\n\r\n"));
        assertThat(ctx.rows.get(1).get("http.request_in")).isEqualTo(3L);
    }

    @Test
    void splitAtEveryOffsetDecodesTheSame() {
        List<Map<String, Object>> whole = values(run(REQUESTS, RESPONSES));
        byte[] req = REQUESTS.getBytes(StandardCharsets.ISO_8859_1);
        byte[] resp = RESPONSES.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < Math.max(req.length, resp.length); cut++) {
            FakeStreamContext ctx = new FakeStreamContext();
            HttpDecoder d = HttpDecoder.create(ctx);
            feedSplit(d, Direction.C2S, req, cut);
            feedSplit(d, Direction.S2C, resp, cut);
            d.onFin(Direction.S2C);
            d.onEnd();
            assertThat(values(ctx)).as("cut at " + cut).isEqualTo(whole);
            assertThat(ctx.anomalies).as("cut at " + cut).isEmpty();
        }
    }

    @Test
    void byteByByteDecodesTheSame() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        for (byte b : REQUESTS.getBytes(StandardCharsets.ISO_8859_1)) d.onData(Direction.C2S, ByteView.of(new byte[]{b}));
        for (byte b : RESPONSES.getBytes(StandardCharsets.ISO_8859_1)) d.onData(Direction.S2C, ByteView.of(new byte[]{b}));
        d.onEnd();
        assertThat(values(ctx)).isEqualTo(values(run(REQUESTS, RESPONSES)));
    }

    @Test
    void gzipBodyIsInflated() throws Exception {
        byte[] gz = gzip("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view("GET / HTTP/1.1\r\n\r\n"));
        d.onData(Direction.S2C, view("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n"));
        d.onData(Direction.S2C, ByteView.of(gz));
        assertThat(ctx.rows.get(1).values()).containsEntry("http.body", "{\"ok\":true}").containsEntry("http.body_length", (long) gz.length);
    }

    @Test
    void gapInsideBodyKeepsMessageBoundaries() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123"));
        d.onGap(Direction.C2S, 4);
        d.onData(Direction.C2S, view("89GET /next HTTP/1.1\r\n\r\n"));
        assertThat(ctx.rows).extracting(r -> r.get("http.request.uri")).containsExactly("/", "/next");
        assertThat(ctx.anomalyIds()).containsExactly("http.body.lost");
    }

    @Test
    void gapInHeadersResynchronisesOnTheNextStartLine() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view("GET /lost HTTP/1.1\r\nHo"));
        d.onGap(Direction.C2S, 30);
        d.onData(Direction.C2S, view("rest of something\r\n\r\nGET /found HTTP/1.1\r\n\r\n"));
        assertThat(ctx.rows).extracting(r -> r.get("http.request.uri")).containsExactly("/found");
        assertThat(ctx.anomalyIds()).containsExactly("http.desync");
    }

    static FakeStreamContext run(String requests, String responses) {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view(requests));
        d.onData(Direction.S2C, view(responses));
        d.onFin(Direction.S2C);   // the server closes: its last response is delimited by the close
        d.onEnd();
        return ctx;
    }

    static ByteView view(String s) { return ByteView.of(s.getBytes(StandardCharsets.UTF_8)); }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static void feedSplit(HttpDecoder d, Direction dir, byte[] all, int cut) {
        int c = Math.min(cut, all.length);
        d.onData(dir, ByteView.of(all, 0, c));
        if (c < all.length) d.onData(dir, ByteView.of(all, c, all.length - c));
    }

    static List<Map<String, Object>> values(FakeStreamContext ctx) {
        return ctx.rows.stream().map(r -> {
            Map<String, Object> m = new TreeMap<>(r.values());
            m.remove("frame.number");
            return m;
        }).toList();
    }
}
