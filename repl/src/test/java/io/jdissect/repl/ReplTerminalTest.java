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

    @Test
    @Order(1)
    void ctrlCStopsALongQueryWithinHalfASecondAndTheNextQueryRuns() throws Exception {
        term.press("C-l");
        term.line("packets where tcp.len > 100000000 | count");   // reads all 200 MB: several seconds
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
        assertThat(term.await(10, "still loaded")).contains("no such file: /nonexistent/missing.pcap");
        term.awaitPrompt(2);
        term.line("info");
        assertThat(term.await(60, "3623 TCP flows")).contains(capture.getFileName().toString());
    }

    @Test
    @Order(9)
    void ctrlCTwiceAtAnEmptyPromptSaysHowToLeaveAndCtrlDLeaves() throws Exception {
        term.press("C-l");
        term.awaitPrompt(2);
        term.press("C-c");
        Thread.sleep(200);
        term.press("C-c");
        term.await(5, "(to leave, type quit or press Ctrl-D)");
        term.press("C-d");
        term.await(10, "the REPL's end", s -> s.contains("Pane is dead") || s.contains("exited"));
    }
}
