package io.jdissect.query;

import io.jdissect.api.Jdissect;
import io.jdissect.api.Dissectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every query the issue saw answered with nothing is an error, with its message and the caret under the bad part. */
class QueryErrorsTest {
    private static final Dissectors REG = Jdissect.dissectors();

    private static Query q(String text) {
        return Query.parse(text, REG.fields(), REG.sources());
    }

    /** The rendered error: message, the query, the caret line. */
    private static String error(String text) {
        try {
            q(text);
        } catch (QueryException e) {
            return e.render();
        }
        throw new AssertionError("no error for: " + text);
    }

    private static String caret(String query, int at, int len) {
        return "\n  " + query + "\n  " + " ".repeat(at) + "^".repeat(len);
    }

    @Test
    void addressesThatAreNotAddresses() {
        String a = "packets where ip.addr == 127.0.0.256";
        assertThat(error(a)).isEqualTo("error: ip.addr is an address; '127.0.0.256' is not an IPv4 address (four numbers 0-255)"
                + " (write 10.0.0.1, ::1 or 10.0.0.0/8)" + caret(a, 25, 11));
        String b = "packets where ip.addr == foo";
        assertThat(error(b)).isEqualTo("error: ip.addr is an address; 'foo' is not an address (write 10.0.0.1, ::1 or 10.0.0.0/8)" + caret(b, 25, 3));
        String c = "packets where ip.addr == 127.0.0.0/33";
        assertThat(error(c)).isEqualTo("error: '33' is not a prefix length (0 to 32)" + caret(c, 25, 12));
        String d = "packets where ip.addr == fe80::1::2";
        assertThat(error(d)).startsWith("error: ip.addr is an address; 'fe80::1::2' is not an IPv6 address").endsWith(caret(d, 25, 10));
        // and CIDR is a value
        assertThat(q("packets where ip.addr == 127.0.0.0/8").matches(new io.jdissect.spi.Row("packets").put("ip.src", "127.1.2.3").put("ip.dst", "10.0.0.1"))).isTrue();
    }

    @Test
    void unknownFieldsSourcesAndStagesSuggestTheNearest() {
        String a = "chat | count by chat.typ";
        assertThat(error(a)).isEqualTo("error: unknown field 'chat.typ' (did you mean chat.type?)" + caret(a, 16, 8));
        String b = "chatt where chat.type == say";
        assertThat(error(b)).startsWith("error: unknown source 'chatt' (did you mean chat?); sources are ").endsWith(caret(b, 0, 5));
        String c = "chat | cont by chat.type";
        assertThat(error(c)).startsWith("error: unknown stage 'cont' (did you mean count?)").endsWith(caret(c, 7, 4));
        String d = "flows where flow.stae == closed";
        assertThat(error(d)).isEqualTo("error: unknown field 'flow.stae' (did you mean flow.state?)" + caret(d, 12, 9));
        String e = "chat | count by chat.from | where cnt > 3";
        assertThat(error(e)).isEqualTo("error: unknown field 'cnt' (did you mean count?); the columns here are chat.from, count" + caret(e, 34, 3));
    }

    @Test
    void fieldsASourceNeverCarries() {
        // packets rows join the messages on their frame (packets where websocket.opcode == 1 is tshark's -Y), not conversations
        String a = "packets where flow.state == closed";
        assertThat(error(a)).isEqualTo("error: flow.state is not a field of packets rows (they carry frame, ip and tcp fields"
                + " and those of the messages each frame carries)" + caret(a, 14, 10));
        String b = "chat where http.request.method == GET";
        assertThat(error(b)).startsWith("error: http.request.method is not a field of chat rows").endsWith(caret(b, 11, 19));
        String c = "packets where flow";
        assertThat(error(c)).startsWith("error: packets rows do not say whether a frame carries flow").endsWith(caret(c, 14, 4));
        assertThat(q("packets where websocket.opcode == 1 && http").source().name()).isEqualTo("packets");
    }

    @Test
    void escapesWorkOrAreErrors() {
        Query u = q("chat where chat.content == \"\\u65e5\\x22\\n\\t\\\\\\\"\"");
        assertThat(((Literal.Text) ((Expr.Compare) u.filter()).value()).value()).isEqualTo("日\"\n\t\\\"");
        String a = "chat where chat.content == \"\\q\"";
        assertThat(error(a)).isEqualTo("error: unknown escape \\q (known: \\n \\t \\r \\0 \\\\ \\\" \\' \\xHH \\uXXXX)" + caret(a, 28, 2));
        String b = "chat where chat.content == \"\\u65\"";
        assertThat(error(b)).isEqualTo("error: \\u takes exactly 4 hex digits" + caret(b, 28, 4));
        String c = "chat where chat.content == \"\\xZZ\"";
        assertThat(error(c)).isEqualTo("error: \\x takes exactly 2 hex digits" + caret(c, 28, 2));
    }

    @Test
    void bytesLiteralsInTsharksForms() {
        io.jdissect.spi.Row frame = new io.jdissect.spi.Row("websocket").put("websocket.masking_key", "3482fb95");
        for (String lit : new String[] {"34:82:fb:95", "3482fb95", "34-82-FB-95", "34.82.fb.95"}) {
            assertThat(q("websocket where websocket.masking_key == " + lit).matches(frame)).as(lit).isTrue();
        }
        assertThat(q("websocket where websocket.masking_key[0:2] == 34:82").matches(frame)).isTrue();
        assertThat(q("websocket where websocket.masking_key[1] == 82").matches(frame)).isTrue();
        assertThat(q("websocket where websocket.masking_key[2:] == fb95").matches(frame)).isTrue();
        String a = "websocket where websocket.masking_key == 34:82:fb:9";
        assertThat(q(a).matches(frame)).isFalse();   // 34:82:fb:09
        String b = "websocket where websocket.masking_key == 3482fb9";
        assertThat(error(b)).isEqualTo("error: websocket.masking_key is bytes; '3482fb9' is not a byte string (write 34:82:fb:95 or 3482fb95)" + caret(b, 41, 7));
        String c = "websocket where websocket.opcode[0:1] == 01";
        assertThat(error(c)).isEqualTo("error: only bytes fields take a slice; websocket.opcode is a number" + caret(c, 32, 1));
    }

    @Test
    void unitsAndTimesAreCheckedToo() {
        String a = "flows where flow.duration > 2parsecs";
        assertThat(error(a)).startsWith("error: unknown duration unit 'parsecs'").endsWith(caret(a, 28, 8));
        String b = "flows where flow.bytes > 1XB";
        assertThat(error(b)).startsWith("error: unknown size unit 'XB'").endsWith(caret(b, 25, 3));
        String c = "packets where frame.time > \"yesterday\"";
        assertThat(error(c)).startsWith("error: 'yesterday' is not a time").endsWith(caret(c, 27, 11));
        String d = "chat where chat.type matches \"(\"";
        assertThat(error(d)).startsWith("error: bad regular expression").endsWith(caret(d, 29, 3));
        String e = "packets where tcp.len contains \"x\"";
        assertThat(error(e)).isEqualTo("error: contains needs a text or bytes field; tcp.len is a number" + caret(e, 31, 3));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "packets where " + "(".repeat(10_000) + "tcp" + ")".repeat(10_000);
        assertThatThrownBy(() -> q(deep)).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("expression nested deeper than 200 levels");
            assertThat(e.position()).isEqualTo(14 + 200);
        });
        String nots = "packets where " + "!".repeat(10_000) + "tcp";
        assertThatThrownBy(() -> q(nots)).isInstanceOf(QueryException.class).hasMessageContaining("nested deeper than 200");
        // a long flat chain is no nesting at all
        StringBuilder chain = new StringBuilder("packets where tcp.stream == 0");
        for (int i = 1; i < 10_000; i++) chain.append(" or tcp.stream == ").append(i);
        assertThat(q(chain.toString()).matches(new io.jdissect.spi.Row("packets").put("tcp.stream", 9_999L))).isTrue();
        assertThat(q("packets where " + "(".repeat(150) + "tcp" + ")".repeat(150)).filter()).isInstanceOf(Expr.Proto.class);
    }
}
