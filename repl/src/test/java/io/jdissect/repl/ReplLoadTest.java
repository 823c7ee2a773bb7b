package io.jdissect.repl;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code load FILE.js} and {@code reload} in the REPL, in a real terminal (tmux): a JavaScript dissector that
 * extends the Java chat rows is loaded into the running session, its fields complete with TAB and filter a query;
 * the file changed on disk is reloaded before the next line, with its new field completing; a broken edit keeps
 * the version loaded before.
 */
class ReplLoadTest {
    @TempDir Path home;
    private Tmux term;

    private static final String V1 = """
            jdissect.dissector({id: "chatlen", fields: [{id: "chatlen.chars", type: "integer", description: "Characters"}],
              extends: "chat", onRow: (row) => row["chat.content"] === undefined ? null : {"chatlen.chars": [...row["chat.content"]].length}});
            """;
    private static final String V2 = """
            jdissect.dissector({id: "chatlen", fields: [{id: "chatlen.chars", type: "integer", description: "Characters"},
                                                        {id: "chatlen.words", type: "integer", description: "Words"}],
              extends: "chat", onRow: (row) => row["chat.content"] === undefined ? null
                  : {"chatlen.chars": 2 * [...row["chat.content"]].length, "chatlen.words": row["chat.content"].split(" ").length}});
            """;

    @AfterEach
    void stop() throws Exception {
        if (term != null) term.close();
    }

    /** The count a {@code ... | count} query printed last. */
    private static long count(String screen) {
        Matcher m = Pattern.compile("(?m)^count\\s*\\n\\s*(\\d+)\\s*\\n\\(1 rows\\)").matcher(screen);
        long last = -1;
        while (m.find()) last = Long.parseLong(m.group(1));
        assertThat(last).as(screen).isPositive();
        return last;
    }

    @Test
    void aLoadedDissectorJoinsQueriesAndCompletionAndAChangedFileIsReloadedBeforeTheNextLine() throws Exception {
        Path js = home.resolve("chatlen.js");
        Files.writeString(js, V1);
        term = Tmux.jdissect(home, 120, 40, List.of(Shared.capture("chat-lo.pcap").toString()));
        term.await(60, "the capture's summary", s -> s.contains("14 TCP flows") && s.stripTrailing().endsWith("jdissect>"));

        term.line("chat where chatlen.chars == 9 | count");
        term.await(10, "error: unknown field 'chatlen.chars'");   // not loaded yet
        term.press("C-l");
        term.line("load " + js);
        term.await(30, "loaded chatlen.js: dissector chatlen (fields chatlen.chars)");
        term.press("C-l");
        term.line("chat where chatlen.chars == 9 | count");
        long nine = count(term.await(60, "(1 rows)"));

        term.press("C-l");
        term.type("chat where chatlen.");
        term.press("Tab");
        term.await(10, "chat where chatlen.chars ");
        term.press("C-u");

        Files.writeString(js, V2);
        term.press("C-l");
        term.line("chat where chatlen.chars == 18 | count");
        String s = term.await(60, "(1 rows)");
        assertThat(s).contains("reloaded chatlen.js: dissector chatlen (fields chatlen.chars, chatlen.words)");
        assertThat(count(s)).isEqualTo(nine);
        term.press("C-l");
        term.type("chat where chatlen.w");
        term.press("Tab");
        term.await(10, "chat where chatlen.words ");
        term.press("C-u");

        Files.writeString(js, "jdissect.dissector({id: 'chatlen', fields: [");   // a broken edit
        term.press("C-l");
        term.line("chat where chatlen.chars == 18 | count");
        s = term.await(60, "(1 rows)");
        assertThat(s).contains("error: chatlen.js: ").contains("(the version loaded before stays)");
        assertThat(count(s)).isEqualTo(nine);

        Files.writeString(js, V1);
        term.press("C-l");
        term.line("reload");
        s = term.await(30, "reloaded chatlen.js: dissector chatlen (fields chatlen.chars)");
        term.press("C-l");
        term.line("chat where chatlen.chars == 9 | count");
        assertThat(count(term.await(60, "(1 rows)"))).isEqualTo(nine);
    }
}
