package io.jdissect.api;

import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a capture by conversations ({@link Capture#stream(io.jdissect.query.Query, LongPredicate, java.util.function.Consumer)}):
 * two readers, one given the even conversations and the rows of no conversation, the other the odd ones, together
 * give exactly the rows of one full read, none twice (the index forced on these small files).
 */
class ConversationReadTest {
    private static final Settings INDEXED = Settings.DEFAULTS.withPref("capture.index_min_bytes", 0);

    private static List<String> rows(Capture cap, String query, LongPredicate keep) throws Exception {
        List<String> out = new ArrayList<>();
        if (keep == null) cap.stream(cap.parse(query), r -> out.add(text(r)));
        else cap.stream(cap.parse(query), keep, r -> out.add(text(r)));
        return out;
    }

    private static String text(Row r) { return new TreeMap<>(r.values()).toString(); }

    @Test
    void evenAndOddConversationsTogetherAreTheWholeCapture() throws Exception {
        int split = 0;
        for (Path file : Shared.allCaptures()) {
            Capture cap = Jdissect.open(file, INDEXED);
            List<IndexedConversation> conversations = cap.conversations();
            if (conversations.size() < 2) continue;
            split++;
            long packets = 0;
            for (IndexedConversation c : conversations) packets += c.packets();
            assertThat(packets).as(file + " packets of conversations").isPositive();
            for (String query : List.of("packets", "anomalies", "flows", "packets where tcp.port == 80 | fields frame.number")) {
                List<String> whole = rows(Jdissect.open(file), query, null);
                List<String> even = rows(cap, query, s -> s < 0 || s % 2 == 0);
                List<String> odd = rows(cap, query, s -> s >= 0 && s % 2 == 1);
                List<String> both = new ArrayList<>(even);
                both.addAll(odd);
                both.sort(null);
                List<String> want = new ArrayList<>(whole);
                want.sort(null);
                assertThat(both).as(file.getFileName() + ": " + query).isEqualTo(want);
                if (!query.contains("fields")) {
                    assertThat(odd).as("the odd reader has no row of no conversation").allMatch(r -> r.contains("tcp.stream=") && !r.contains("tcp.stream=-1"));
                }
            }
        }
        assertThat(split).as("captures with an index that replays two conversations or more").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCompressedOrTinyCaptureWithoutAnIndexListsNoConversations() throws Exception {
        Path sample = Shared.capture("chat-lo.pcap");
        assertThat(Jdissect.open(sample).conversations()).as("below capture.index_min_bytes").isEmpty();
        assertThat(Jdissect.open(sample, INDEXED).conversations()).extracting(IndexedConversation::stream).startsWith(0L, 1L);
    }
}
