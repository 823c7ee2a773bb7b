package io.jdissect.repl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REPL in a real terminal (tmux, 80 columns) on the generator's 200 MB capture, as a user meets it: Ctrl-C
 * stops a long query and keeps the session, a bad {@code open} keeps the capture, Ctrl-D leaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplTerminalTest {
    @TempDir static Path home;
    private Tmux term;
    private Path capture;

    @BeforeAll
    void start() throws Exception {
        capture = BigCapture.of(200);
        term = Tmux.jdissect(home, 80, 30, List.of(capture.toString()));
        term.await(180, "the capture's summary", s -> s.contains("3623 TCP flows") && s.stripTrailing().endsWith("jdissect>"));
    }

    @AfterAll
    void stop() throws Exception {
        if (term != null) term.close();
    }

    static final String LONG_QUERY = "packets where websocket.opcode == 7 | count";

    @Test
    @Order(1)
    void ctrlCStopsALongQueryWithinHalfASecondAndTheNextQueryRuns() throws Exception {
        term.press("C-l");
        // frames of a reserved opcode (none): packets joined with the WebSocket rows, two reads of all 200 MB, several
        // seconds even on a quiet machine (a plain packets filter reads 200 MB in about 0.3 s there)
        term.line(LONG_QUERY);
        Thread.sleep(1500);
        assertThat(term.screen()).as("still reading").doesNotContain("(1 rows)").doesNotContain("cancelled");
        long t0 = System.nanoTime();
        term.press("C-c");
        String s = term.await(5, "cancelled");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Ctrl-C to 'cancelled' on the screen: %.3f s%n", seconds);
        assertThat(seconds).as("seconds from Ctrl-C to the prompt").isLessThan(0.5);
        assertThat(s).contains("ws-200mb-seed1.pcap is still loaded").doesNotContain("(1 rows)");
        term.awaitPrompt(2);
        term.line("flows where tcp.stream < 3 | count");
        assertThat(term.await(60, "(1 rows)")).contains("3\n");
    }

    @Test
    @Order(2)
    void openOfABadPathKeepsTheLoadedCapture() throws Exception {
        term.press("C-l");
        term.line("open /nonexistent/missing.pcap");
        assertThat(term.await(10, "no such file: /nonexistent/missing.pcap")).contains("still loaded: " + capture);
        term.awaitPrompt(2);
        term.line("info");
        assertThat(term.await(60, "3623 TCP flows")).contains(capture.getFileName().toString());
    }

    @Test
    @Order(3)
    void aLongReadShowsAProgressLineThatGoesWhenRowsPrint() throws Exception {
        term.press("C-l");
        term.line(LONG_QUERY);
        String s = term.await(10, "a progress line", x -> x.matches("(?s).*reading \\d+%  [0-9.]+ of 190 MiB  [0-9.]+ MiB/s  ETA \\d+s  [0-9,]+ packets  [0-9,]+ flows.*"));
        System.out.println("progress line seen: " + s.lines().filter(l -> l.startsWith("reading")).findFirst().orElse(""));
        String done = term.await(120, "(1 rows)");
        assertThat(done).doesNotContain("reading ").contains("count\n    0\n");
        // a cancelled query printed nothing of its rows, not even the table's header
        assertThat(term.history()).contains("| count\ncancelled;");
        term.awaitPrompt(2);
    }

    @Test
    @Order(4)
    void aWideTableAt80ColumnsHasNoWrappedCell() throws Exception {
        term.press("C-l");
        term.line("set pager off");
        term.press("C-l");
        term.line("websocket where tcp.stream < 40 | fields frame.number, websocket.direction, websocket.opcode, websocket.payload_length, "
                + "websocket.message.text, tcp.stream, ip.src | limit 20");
        term.await(60, "(20 rows)");
        String joined = term.screen();
        String drawn = term.rows();
        List<String> table = joined.lines().dropWhile(l -> !l.startsWith("frame.n")).takeWhile(l -> !l.equals("(20 rows)")).toList();
        assertThat(table).hasSizeGreaterThan(20);
        java.util.Set<String> asDrawn = new java.util.HashSet<>(drawn.lines().toList());
        for (String l : table) {
            assertThat(asDrawn).as("a table line the terminal did not wrap: " + l).contains(l);
            assertThat(io.jdissect.output.DisplayWidth.of(l)).as(l).isLessThanOrEqualTo(80);
        }
        List<String> rows = joined.lines().filter(l -> l.matches(" *\\d+  (c2s|s2c) .*")).toList();
        assertThat(rows).hasSize(20);
        assertThat(joined).contains("…").contains("(cut with … to fit 80 columns");
        // numbers right-aligned: every frame.number ends in the column where the header ends
        int end = table.get(0).split(" ")[0].length();
        for (String r : rows) assertThat(r.charAt(end - 1)).as(r).isBetween('0', '9');
    }

    @Test
    @Order(5)
    void longOutputGoesThroughThePagerAndVerticalLayoutShowsWholeValues() throws Exception {
        term.line("set pager on");
        term.press("C-l");
        term.line("follow 0 hex");
        term.await(60, "jdissect output (q leaves)");
        term.type("q");
        term.awaitPrompt(5);
        term.press("C-l");
        term.line("set display_rows 0");
        term.await(5, "display_rows takes a number of at least 1; got 0");
        term.press("C-l");
        term.line("websocket where tcp.stream == 2 | fields frame.number, websocket.message.text | limit 1 \\G");
        String s = term.await(60, "(1 rows)");
        assertThat(s).contains("*************** row 1 ***************").contains("frame.number: ").contains("websocket.message.text: ");
        assertThat(s).doesNotContain("…");
    }

    @Test
    @Order(6)
    void tabCompletesByContext() throws Exception {
        term.press("C-l");
        term.type("chat where chat.type == ");
        term.press("Tab");
        String s = term.await(10, "values of chat.type", x -> x.contains("values of chat.type"));
        assertThat(s).contains("\"say\"").contains("\"login\"");
        term.press("C-u");
        term.press("C-l");
        term.type("chat where websocket.");   // chat rows carry the direction of the frame below, and no other websocket field
        term.press("Tab");
        s = term.await(10, "chat where websocket.direction ");
        assertThat(s).doesNotContain("websocket.opcode");
        term.press("C-u");
        term.press("C-l");
        term.type("chat where chat.");
        term.press("Tab");
        s = term.await(10, "fields of chat", x -> x.contains("fields of chat"));
        assertThat(s).contains("chat.from").contains("chat.content").doesNotContain("websocket.");
        term.press("C-u");
        term.press("C-l");
        term.type("set pag");
        term.press("Tab");
        term.await(5, "set pager ");
        term.press("Tab");
        assertThat(term.await(5, "off")).contains("on");
        term.press("C-u");
        term.press("C-l");
        term.type("follow ");
        term.press("Tab");
        term.await(10, "conversations", x -> x.contains("possibilities") || x.contains("packets"));
        term.press("n");
        term.press("C-u");
        term.awaitPrompt(5);
    }

    @Test
    @Order(7)
    void aTrailingPipeContinuesTheLineAndHistoryRunsAgain() throws Exception {
        term.press("C-u");
        term.press("C-l");
        term.line("flows where tcp.stream < 5 |");
        term.line("count");
        assertThat(term.await(60, "(1 rows)")).contains("    5\n");
        term.press("C-l");
        term.line("history 1");
        String h = term.await(5, "history 1", x -> x.matches("(?s).*\\n +\\d+  history 1\\n.*"));
        int n = Integer.parseInt(h.lines().filter(l -> l.endsWith("  history 1") && !l.startsWith("jdissect>")).findFirst().orElseThrow().strip().split(" ")[0]);
        term.press("C-l");
        term.line("!" + (n - 1));
        assertThat(term.await(60, "(1 rows)")).contains("    5\n");
    }

    @Test
    @Order(8)
    void theErrorPositionIsUnderlinedAsYouType() throws Exception {
        term.press("C-l");
        term.type("flows where port = = 1");
        // tmux's rendering of the styles: underlined red for the error, cyan for a field, green for a value
        String red = "\033[4m\033[31m", field = "\033[36m", value = "\033[32m", plain = "\033[39m";
        assertThat(term.await(5, "the second = underlined", x -> styledHas(field + "port" + plain + " = " + red + "=")))
                .isNotNull();
        term.press("C-u");
        term.type("tcp.port == ");   // a bare display filter whose value is missing: its last word is marked
        term.await(5, "== underlined", x -> styledHas(field + "tcp.port" + plain + " " + red + "=="));
        term.press("C-u");
        term.type("tcp.port == 7272");
        term.await(5, "no mark once the filter is whole", x -> styledHas(field + "tcp.port" + plain + " == " + value + "7272") && !styledHas(red));
        term.press("C-u");
    }

    @Test
    @Order(8)
    void theQueryIsColouredAsYouType() throws Exception {
        term.press("C-l");
        term.type("chat where chat.type == \"say\" | count by chat.from");
        String source = "\033[1mchat", keyword = "\033[1m\033[34m", field = "\033[36m", value = "\033[32m";
        term.await(5, "source, keywords, fields and values in their colours", x -> styledHas(source)
                && styledHas(keyword + "where") && styledHas(field + "chat.type") && styledHas(value + "\"say\"")
                && styledHas(keyword + "count") && styledHas(keyword + "by") && styledHas(field + "chat.from"));
        term.press("C-u");
    }

    private boolean styledHas(String s) {
        try {
            return term.styled().contains(s);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    @Order(9)
    void ctrlCTwiceAtAnEmptyPromptSaysHowToLeaveAndCtrlDLeaves() throws Exception {
        term.press("C-l");
        term.awaitPrompt(2);
        term.press("C-c");
        Thread.sleep(200);
        term.press("C-c");
        String hint = "(to leave, type quit or press Ctrl-D)";
        // the prompt after the hint: JLine has the terminal in raw mode again (between two reads it is in cooked
        // mode, where the line discipline takes a Ctrl-D as an empty line that raw mode then discards)
        term.await(5, "the prompt after the hint", x -> x.contains(hint) && x.substring(x.indexOf(hint)).contains("jdissect>"));
        term.press("C-d");
        term.awaitExit(10);
    }
}
