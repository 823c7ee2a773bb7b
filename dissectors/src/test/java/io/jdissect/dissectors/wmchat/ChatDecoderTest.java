package io.jdissect.dissectors.wmchat;

import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.testing.FakeStreamContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jdissect.spi.Direction.C2S;
import static io.jdissect.spi.Direction.S2C;
import static org.assertj.core.api.Assertions.assertThat;

/** Both protocol generations, value types, names across messages, anomalies and limits. */
class ChatDecoderTest {
    @Test
    void oldProtocolResolvesUidsThroughTheUserList() {
        FakeStreamContext ctx = run(ChatLimits.DEFAULTS,
                C2S, "{\"type\":\"login\",\"name\":\"alice\"}",
                S2C, "{\"type\":\"user_list\",\"user_list\":[{\"uid\":1,\"name\":\"mynick\"},{\"uid\":2,\"name\":\"alice\"}]}",
                S2C, "{\"type\":\"login\",\"uid\":2,\"name\":\"alice\",\"time\":\"2026-11-26 04:57:59\"}",
                S2C, "{\"type\":\"say\",\"from_uid\":1,\"to_uid\":2,\"content\":\"psst\",\"time\":\"t\"}",
                C2S, "{\"type\":\"say\",\"to_uid\":1,\"content\":\"hi back\"}",
                C2S, "{\"type\":\"say\",\"to_uid\":\"all\",\"content\":\"hi all\"}",
                S2C, "{\"type\":\"logout\",\"uid\":1,\"time\":\"t\"}");
        List<Row> rows = ctx.rows("chat");
        assertThat(rows).extracting(r -> r.get("chat.from"), r -> r.get("chat.to")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", null),
                org.assertj.core.groups.Tuple.tuple(null, null),
                org.assertj.core.groups.Tuple.tuple("alice", null),
                org.assertj.core.groups.Tuple.tuple("mynick", "alice"),
                org.assertj.core.groups.Tuple.tuple("alice", "mynick"),
                org.assertj.core.groups.Tuple.tuple("alice", "all"),
                org.assertj.core.groups.Tuple.tuple("mynick", null));
        assertThat(rows.get(2).values()).containsEntry("chat.uid", 2L).containsEntry("chat.name", "alice");
        assertThat(rows.get(1).get("chat.user_list")).isEqualTo("[{\"uid\":1,\"name\":\"mynick\"},{\"uid\":2,\"name\":\"alice\"}]");
        assertThat(rows.get(3).values()).containsEntry("chat.from_uid", 1L).containsEntry("chat.to_uid", "2")
                .containsEntry("websocket.direction", "s2c");
        assertThat(ctx.anomalies).isEmpty();
        assertThat(ctx.protocol).isEqualTo("chat");
    }

    @Test
    void currentProtocolNamesComeFromTheMessagesAndClientList() {
        FakeStreamContext ctx = run(ChatLimits.DEFAULTS,
                C2S, "{\"type\":\"login\",\"client_name\":\"mynick\",\"room_id\":1}",
                S2C, "{\"type\":\"login\",\"client_id\":\"a1\",\"client_name\":\"mynick\",\"time\":\"t\",\"client_list\":{\"a1\":\"mynick\",\"b2\":\"bob\"}}",
                C2S, "{\"type\":\"say\",\"to_client_id\":\"b2\",\"to_client_name\":\"bob\",\"content\":\"private\"}",
                S2C, "{\"type\":\"say\",\"from_client_id\":\"b2\",\"from_client_name\":\"bob\",\"to_client_id\":\"a1\",\"content\":\"back\",\"time\":\"t\"}",
                S2C, "{\"type\":\"ping\"}",
                C2S, "{\"type\":\"pong\"}",
                S2C, "{\"type\":\"logout\",\"from_client_id\":\"b2\",\"from_client_name\":\"bob\",\"time\":\"t\"}");
        List<Row> rows = ctx.rows("chat");
        assertThat(rows).extracting(r -> r.get("chat.type")).containsExactly("login", "login", "say", "say", "ping", "pong", "logout");
        assertThat(rows.get(0).values()).containsEntry("chat.room_id", 1L).containsEntry("chat.from", "mynick");
        assertThat(rows.get(1).get("chat.client_list")).isEqualTo("{\"a1\":\"mynick\",\"b2\":\"bob\"}");
        assertThat(rows.get(2).values()).containsEntry("chat.from", "mynick").containsEntry("chat.to", "bob");
        assertThat(rows.get(3).values()).containsEntry("chat.from", "bob").containsEntry("chat.to", "mynick");
        assertThat(rows.get(6).get("chat.from")).isEqualTo("bob");
        assertThat(ctx.anomalies).isEmpty();
    }

    @Test
    void everyTopLevelKeyBecomesAField() {
        FakeStreamContext ctx = run(ChatLimits.DEFAULTS, S2C,
                "{\"type\":\"error\",\"Odd-Key\":true,\"n\":1.5,\"big\":123456789012345678901234567890,\"arr\":[1,2],\"nothing\":null,\"room_id\":\"7\"}");
        assertThat(ctx.rows.get(0).values()).containsEntry("chat.odd_key", true).containsEntry("chat.n", 1.5)
                .containsEntry("chat.big", "123456789012345678901234567890").containsEntry("chat.arr", "[1,2]")
                .containsEntry("chat.room_id", 7L).doesNotContainKey("chat.nothing");
    }

    @Test
    void anomalies() {
        assertThat(run(ChatLimits.DEFAULTS, C2S, "{\"type\":\"say\",\"content\":") .anomalyIds()).containsExactly("chat.invalid_json");
        assertThat(run(ChatLimits.DEFAULTS, C2S, "{\"type\":\"dance\"}").anomalyIds()).containsExactly("chat.unknown_type");
        assertThat(run(ChatLimits.DEFAULTS, C2S, "{\"type\":\"say\",\"to_client_id\":\"all\",\"content\":\"x\"}").anomalyIds())
                .containsExactly("chat.say_before_login");
        assertThat(run(ChatLimits.DEFAULTS, S2C, "{\"type\":\"say\",\"from_client_name\":\"a\",\"to_client_id\":\"zz\",\"content\":\"x\"}").anomalyIds())
                .containsExactly("chat.unknown_recipient");
    }

    /** One message is one JSON object: two objects in one message, or anything after the object, is invalid JSON. */
    @Test
    void trailingDataMakesAMessageInvalid() {
        for (String m : List.of("{\"type\":\"say\",\"content\":\"x\"}{\"type\":\"say\"}", "{\"type\":\"ping\"} garbage", "{\"type\":\"ping\"}]")) {
            FakeStreamContext ctx = run(ChatLimits.DEFAULTS, S2C, m);
            assertThat(ctx.anomalyIds()).as(m).containsExactly("chat.invalid_json");
            assertThat(ctx.anomalies.get(0).detail()).as(m).contains("after the JSON object");
        }
        assertThat(run(ChatLimits.DEFAULTS, S2C, "{\"type\":\"ping\"}  \r\n").anomalyIds()).as("white space after it").isEmpty();
    }

    /** Without the handshake (capture started late, or decode as) the login may just not have been captured. */
    @Test
    void noSayBeforeLoginWhenTheConnectionStartWasNotSeen() {
        FakeStreamContext ctx = new FakeStreamContext();
        new ChatDecoder(ctx, ChatLimits.DEFAULTS).onMessage(C2S, ByteView.ofUtf8("{\"type\":\"say\",\"to_client_id\":\"all\",\"content\":\"x\"}"));
        assertThat(ctx.anomalyIds()).isEmpty();
        assertThat(ctx.rows).hasSize(1);
    }

    @Test
    void textThatIsNotChatIsIgnored() {
        FakeStreamContext ctx = run(ChatLimits.DEFAULTS, S2C, "hello", S2C, "[1,2]", S2C, "{\"no\":\"type key\"}");
        assertThat(ctx.rows).isEmpty();
        assertThat(ctx.anomalies).isEmpty();
    }

    @Test
    void nestingDepthAtTheLimitAndOver() {
        ChatLimits limits = new ChatLimits(1 << 20, 4, 100, true);
        assertThat(run(limits, S2C, "{\"type\":\"x\",\"a\":[[[1]]]}").anomalyIds()).containsExactly("chat.unknown_type");
        assertThat(run(limits, S2C, "{\"type\":\"x\",\"a\":[[[[1]]]]}").anomalyIds()).containsExactly("chat.invalid_json");
    }

    @Test
    void messageSizeAtTheLimitAndOver() {
        String msg = "{\"type\":\"ping\"}";
        assertThat(run(new ChatLimits(msg.length(), 32, 100, true), S2C, msg).rows).hasSize(1);
        FakeStreamContext over = run(new ChatLimits(msg.length() - 1, 32, 100, true), S2C, msg);
        assertThat(over.anomalyIds()).containsExactly("chat.message.too_big");
        assertThat(over.rows).isEmpty();
    }

    @Test
    void nameDirectoryIsBounded() {
        ChatLimits limits = new ChatLimits(1 << 20, 32, 1, true);
        FakeStreamContext ctx = run(limits,
                S2C, "{\"type\":\"login\",\"client_id\":\"a\",\"client_name\":\"A\"}",
                S2C, "{\"type\":\"login\",\"client_id\":\"b\",\"client_name\":\"B\"}",
                S2C, "{\"type\":\"say\",\"from_client_name\":\"B\",\"to_client_id\":\"a\",\"content\":\"x\"}");
        assertThat(ctx.anomalyIds()).containsExactly("chat.unknown_recipient");
    }

    /** Alternating direction and message arguments. */
    /** chat.lazy_json: a query that needs only the type stops reading there; one that needs more, or asks for strictness, does not. */
    @Test
    void jsonIsReadOnlyAsFarAsTheQueryNeeds() {
        String cut = "{\"type\":\"say\",\"content\":\"cut short";
        FakeStreamContext lazy = query(java.util.Set.of("chat.type"), 1, cut);
        assertThat(lazy.rows).hasSize(1);
        assertThat(lazy.rows.get(0).get("chat.type")).isEqualTo("say");
        assertThat(lazy.anomalies).isEmpty();

        FakeStreamContext strict = query(java.util.Set.of("chat.type"), 0, cut);
        assertThat(strict.rows).isEmpty();
        assertThat(strict.anomalies).extracting(FakeStreamContext.Anomaly::id).containsExactly("chat.invalid_json");

        FakeStreamContext content = query(java.util.Set.of("chat.type", "chat.content"), 1, cut);
        assertThat(content.rows).as("the content is needed, so the message is read to its (missing) end").isEmpty();

        FakeStreamContext whole = query(java.util.Set.of("chat.type"), 1, "{\"type\":\"say\",\"content\":\"hi\"}");
        assertThat(whole.rows).hasSize(1);
        assertThat(whole.rows.get(0).get("chat.content")).as("not needed, not read").isNull();
    }

    /** The hand-read leading type and Jackson agree on every well-formed message, whatever its shape. */
    @Test
    void theLeadingTypeReadsAsJacksonDoes() {
        for (String text : List.of("{\"type\":\"say\",\"content\":\"x\"}", " {\n \"type\" : \"login\" }",
                "{\"type\":\"s\\u0061y\"}", "{\"content\":\"x\",\"type\":\"pong\"}", "{\"type\":1}",
                "{\"type\":\"\u5c0f\u7ea2\"}", "{\"type\":\"\"}", "{\"type\":null,\"to\":2}")) {
            FakeStreamContext lazy = query(java.util.Set.of("chat.type"), 1, text);
            FakeStreamContext strict = query(java.util.Set.of("chat.type"), 0, text);
            assertThat(lazy.rows).as(text).hasSameSizeAs(strict.rows).hasSize(1);
            assertThat(lazy.rows.get(0).get("chat.type")).as(text).isEqualTo(strict.rows.get(0).get("chat.type"));
        }
    }

    private static FakeStreamContext query(java.util.Set<String> fields, long lazy, String text) {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.wantedSources = java.util.Set.of("chat");
        ctx.wantedFields = fields;
        ctx.prefs.put(ChatLimits.LAZY_JSON, lazy);
        new ChatDecoder(ctx, ChatLimits.from(ctx)).onMessage(io.jdissect.spi.Direction.S2C, io.jdissect.bytes.ByteView.ofUtf8(text));
        return ctx;
    }

    private static FakeStreamContext run(ChatLimits limits, Object... dirAndText) {
        FakeStreamContext ctx = new FakeStreamContext();
        ctx.handshake = Map.of("response.upgrade", "websocket");   // reached through an HTTP Upgrade, as in a whole capture
        ChatDecoder d = new ChatDecoder(ctx, limits);
        for (int i = 0; i < dirAndText.length; i += 2) {
            d.onMessage((Direction) dirAndText[i], ByteView.ofUtf8((String) dirAndText[i + 1]));
        }
        return ctx;
    }
}
