package io.jdissect.scripts;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.Result;
import io.jdissect.output.OutputFormat;
import io.jdissect.output.RowWriter;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code extends: "chat"}: a JavaScript dissector's fields join the rows of the Java chat dissector, computed by its
 * {@code onRow} from each row, on the shared workerman-chat capture; queries filter on them, the table shows them,
 * JSON carries them, and a broken extension costs chat none of its rows.
 */
class ExtendsSourceTest {
    @TempDir Path dir;

    private static final String CHATLEN = """
            jdissect.dissector({id: "chatlen", description: "Length of a chat message",
              fields: [{id: "chatlen.chars", type: "integer", description: "Characters of chat.content"},
                       {id: "chatlen.shout", type: "boolean", description: "All upper case"}],
              extends: "chat",
              onRow: (row) => row["chat.content"] === undefined ? null
                  : {"chatlen.chars": [...row["chat.content"]].length, "chatlen.shout": %s},
            });
            """;

    @AfterEach
    void backToTheBuiltInDissectors() {
        Jdissect.usePlugins(null);
    }

    private Capture withPlugin(String code) throws IOException {
        Path p = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(p.resolve("chatlen.js"), code);
        Jdissect.usePlugins(p);
        return Jdissect.open(Batch.CHAT);
    }

    @Test
    void itsFieldsJoinChatRowsAndAQueryFiltersOnThem() throws IOException {
        List<Row> plain = Jdissect.open(Batch.CHAT).query("chat where chat.type == \"say\"").rows();
        assertThat(plain).isNotEmpty();
        Capture cap = withPlugin(CHATLEN.formatted("row[\"chat.content\"] === row[\"chat.content\"].toUpperCase()"));
        Result says = cap.query("chat where chat.type == \"say\"");
        assertThat(says.rows()).hasSameSizeAs(plain);   // chat lost no row
        for (Row r : says) {
            assertThat(r.get("chatlen.chars")).isEqualTo((long) r.string("chat.content").codePointCount(0, r.string("chat.content").length()));
        }
        long n = (Long) says.get(0).get("chatlen.chars");
        Result same = cap.query("chat where chatlen.chars == " + n);
        assertThat(same.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.get("chatlen.chars")).isEqualTo(n));
        assertThat(cap.query("chat where chatlen.chars == 100000").rows()).isEmpty();
        // the table's default columns and JSON carry them, typed as declared
        assertThat(says.columns()).contains("chatlen.chars", "chatlen.shout");
        StringWriter json = new StringWriter();
        try (RowWriter w = OutputFormat.jsonl.writer(json, says.fields(), says.columns(), false)) {
            w.write(says.get(0));
        }
        assertThat(json.toString()).contains("\"chatlen.chars\":" + n).contains("\"chatlen.shout\":false");
    }

    /** As tshark's -Y: a packets query on an extension field selects the frames whose chat rows have the value. */
    @Test
    void packetsFilterOnItsFieldsByFrame() throws IOException {
        Capture cap = withPlugin(CHATLEN.formatted("false"));
        long n = (Long) cap.query("chat where chat.type == \"say\"").get(0).get("chatlen.chars");
        List<Object> frames = cap.query("chat where chatlen.chars == " + n + " | fields frame.number").rows().stream()
                .map(r -> r.get("frame.number")).distinct().sorted().toList();
        assertThat(frames).isNotEmpty();
        Result packets = cap.query("packets where chatlen.chars == " + n);
        assertThat(packets.rows().stream().map(r -> r.get("frame.number")).toList()).isEqualTo(frames);
        assertThat(cap.query("packets where chatlen.chars == 100000").rows()).isEmpty();
    }

    @Test
    void aThrowingExtensionLeavesChatItsRowsAndSaysSo() throws IOException {
        long chat = Jdissect.open(Batch.CHAT).chat().size();
        Capture cap = withPlugin(CHATLEN.formatted("null.boom"));
        Result rows = cap.chat();
        assertThat(rows.size()).isEqualTo(chat);
        assertThat(rows.rows()).noneMatch(r -> r.has("chatlen.chars"));
        assertThat(cap.query("anomalies where anomaly.id == \"frame.dissector_failed\"").rows())
                .isNotEmpty().allSatisfy(r -> assertThat(r.string("anomaly.detail")).contains("extension of chat threw").contains("chatlen.js"));
    }

    @Test
    void extendingASourceNobodyDeclaresFailsAtLoad() throws IOException {
        Path p = Files.createDirectories(dir.resolve("p2"));
        Files.writeString(p.resolve("x.js"), CHATLEN.replace("extends: \"chat\"", "extends: \"nosuch\"").formatted("false"));
        assertThatThrownBy(() -> Registry.load(p)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("chatlen extends source 'nosuch', which no loaded dissector declares");
    }
}
