package io.jdissect.dissectors.http;

import io.jdissect.spi.Direction;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.jdissect.dissectors.http.HttpDecoderTest.view;
import static org.assertj.core.api.Assertions.assertThat;

/** The Upgrade dance: client bytes held after the request, both sides' leftovers handed to the next protocol. */
class HttpUpgradeTest {
    // RFC 6455 section 1.3's example key and accept
    static final String REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
    static final String RESPONSE = "HTTP/1.1 101 Switching Protocol\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n";

    @Test
    void switchesWithBothSidesLeftovers() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view(REQUEST + "CLIENT-EARLY"));
        d.onData(Direction.C2S, view("-MORE"));            // held, not parsed as HTTP
        d.onData(Direction.S2C, view(RESPONSE + "SERVER-FRAMES"));
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.upgrades).hasSize(1);
        var up = ctx.upgrades.get(0);
        assertThat(up.protocol()).isEqualTo("websocket");
        assertThat(new String(up.c2s(), StandardCharsets.US_ASCII)).isEqualTo("CLIENT-EARLY-MORE");
        assertThat(new String(up.s2c(), StandardCharsets.US_ASCII)).isEqualTo("SERVER-FRAMES");
        assertThat(up.handshake()).containsEntry("response.sec-websocket-extensions", "permessage-deflate")
                .containsEntry("request.sec-websocket-extensions", "permessage-deflate; client_max_window_bits")
                .containsEntry("request.sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(ctx.rows.get(1).values()).containsEntry("http.response.phrase", "Switching Protocol")
                .containsEntry("http.sec_websocket_accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").containsEntry("http.upgrade", "websocket");
        d.onData(Direction.S2C, view("HTTP/1.1 200 OK\r\n\r\n"));   // not HTTP any more
        assertThat(ctx.rows).hasSize(2);
    }

    /** The capture has the server's 101 before the client's request (the request segment came late). */
    @Test
    void answerCapturedBeforeItsRequestStillSwitches() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.S2C, view(RESPONSE + "SERVER-"));
        d.onData(Direction.S2C, view("FRAMES"));                      // held until the request is parsed
        assertThat(ctx.upgrades).isEmpty();
        d.onData(Direction.C2S, view(REQUEST + "CLIENT-EARLY"));
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.upgrades).hasSize(1);
        var up = ctx.upgrades.get(0);
        assertThat(new String(up.c2s(), StandardCharsets.US_ASCII)).isEqualTo("CLIENT-EARLY");
        assertThat(new String(up.s2c(), StandardCharsets.US_ASCII)).isEqualTo("SERVER-FRAMES");
        assertThat(up.handshake()).containsEntry("request.sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");
    }

    @Test
    void answerWhoseRequestNeverCameSwitchesAtTheEnd() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.S2C, view(RESPONSE + "SERVER-FRAMES"));
        d.onEnd();
        assertThat(ctx.upgrades).hasSize(1);
        assertThat(new String(ctx.upgrades.get(0).s2c(), StandardCharsets.US_ASCII)).isEqualTo("SERVER-FRAMES");
    }

    @Test
    void splitAtEveryOffsetHandsOverTheSameBytes() {
        String c2s = REQUEST + "CLIENT-EARLY";
        String s2c = RESPONSE + "SERVER-FRAMES";
        for (int cut = 1; cut < s2c.length(); cut++) {
            FakeStreamContext ctx = new FakeStreamContext();
            HttpDecoder d = HttpDecoder.create(ctx);
            int rc = Math.min(cut, c2s.length());
            d.onData(Direction.C2S, view(c2s.substring(0, rc)));
            if (rc < c2s.length()) d.onData(Direction.C2S, view(c2s.substring(rc)));
            d.onData(Direction.S2C, view(s2c.substring(0, cut)));
            if (ctx.upgrades.isEmpty()) d.onData(Direction.S2C, view(s2c.substring(cut)));
            assertThat(ctx.upgrades).as("cut " + cut).hasSize(1);
            String rest = new String(ctx.upgrades.get(0).s2c(), StandardCharsets.US_ASCII);
            assertThat(rest).as("cut " + cut).isEqualTo(cut < RESPONSE.length() ? "SERVER-FRAMES" : s2c.substring(RESPONSE.length(), cut));
            assertThat(new String(ctx.upgrades.get(0).c2s(), StandardCharsets.US_ASCII)).isEqualTo("CLIENT-EARLY");
        }
    }

    @Test
    void wrongAcceptIsAnAnomaly() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view(REQUEST));
        d.onData(Direction.S2C, view(RESPONSE.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
        assertThat(ctx.anomalyIds()).containsExactly("http.websocket.bad_accept");
        assertThat(ctx.upgrades).hasSize(1);   // it is still what the peers did next
    }

    @Test
    void expectedAcceptIsRfc6455Example() {
        assertThat(WebSocketHandshake.expectedAccept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void declinedUpgradeParsesHeldBytesAsHttp() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view(REQUEST + "GET /after HTTP/1.1\r\n\r\n"));
        d.onData(Direction.S2C, view("HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n"));
        assertThat(ctx.upgrades).isEmpty();
        assertThat(ctx.rows).extracting(r -> r.get("http.request.uri")).containsExactly("/chat", null, "/after");
    }

    @Test
    void upgradeNobodyTakesIsNoted() {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.acceptUpgrade = false;
        HttpDecoder d = HttpDecoder.create(ctx);
        d.onData(Direction.C2S, view("GET / HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"));
        d.onData(Direction.S2C, view("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\nPRI * HTTP/2.0"));
        d.onEnd();
        assertThat(ctx.anomalyIds()).containsExactly("http.upgrade.unsupported");
        assertThat(ctx.upgrades.get(0).protocol()).isEqualTo("h2c");
    }

    @Test
    void heldBytesAreBounded() {
        FakeStreamContext ctx = new FakeStreamContext();
        HttpDecoder d = new HttpDecoder(ctx, new HttpLimits(64 << 10, 200, 1 << 20, 16 << 20, 64 << 10, 100, 10));
        d.onData(Direction.C2S, view(REQUEST + "0123456789"));
        assertThat(ctx.anomalies).isEmpty();
        d.onData(Direction.C2S, view("X"));
        assertThat(ctx.anomalyIds()).containsExactly("http.upgrade.held_too_much");
    }
}
