package io.jdissect.examples;

import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/examples/chat/jschat.js gives the Java chat dissector's rows, field for field, on every shared capture. */
class JsChatExampleTest {
    @Test
    void sameRowsAsTheJavaDissectorOnEverySharedCapture() {
        Registry java = Registry.load(null);
        Registry js = Registry.load(Examples.ROOT.resolve("chat")).without(List.of("chat"));
        assertThat(js.dissectors()).extracting(d -> d.id()).contains("jschat").doesNotContain("chat");
        long compared = 0;
        for (Path cap : Examples.sharedCaptures()) {
            List<String> expected = new ArrayList<>();
            for (Row r : Examples.rows(java, cap, "chat")) expected.add(asJs(r));
            List<String> actual = new ArrayList<>();
            for (Row r : Examples.rows(js, cap, "jschat")) actual.add(new TreeMap<>(r.values()).toString());
            assertThat(difference(actual, expected)).as(cap + ": rows only the JavaScript (<) or only the Java dissector (>) gave").isEmpty();
            assertThat(actual).as(cap.toString()).hasSameSizeAs(expected);
            compared += expected.size();
        }
        assertThat(compared).as("chat rows compared").isGreaterThan(100);
    }

    /** Rows of one list missing from the other, each cut to 400 characters, sorted (the two decode in different orders). */
    private static List<String> difference(List<String> js, List<String> java) {
        List<String> out = new ArrayList<>();
        List<String> onlyJs = new ArrayList<>(js), onlyJava = new ArrayList<>(java);
        for (String r : java) onlyJs.remove(r);
        for (String r : js) onlyJava.remove(r);
        onlyJs.forEach(r -> out.add("< " + cut(r)));
        onlyJava.forEach(r -> out.add("> " + cut(r)));
        return out.stream().sorted().limit(10).toList();
    }

    private static String cut(String s) { return s.length() <= 400 ? s : s.substring(0, 400) + "..."; }

    /** A Java chat row as the example names it: chat.* as jschat.*, without websocket.direction (the example declares no such field). */
    private static String asJs(Row r) {
        Map<String, Object> m = new TreeMap<>();
        r.values().forEach((k, v) -> {
            if (k.equals("websocket.direction")) return;
            m.put(k.startsWith("chat.") ? "jschat." + k.substring(5) : k, v);
        });
        return m.toString();
    }
}
