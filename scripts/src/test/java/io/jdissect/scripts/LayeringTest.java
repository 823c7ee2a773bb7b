package io.jdissect.scripts;

import io.jdissect.api.Jdissect;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several dissectors on one message table are taps (each gets every message); replacing one is an explicit
 * {@code replaces}; two claimants of one port fail at load unless a priority says which.
 */
class LayeringTest {
    @TempDir Path dir;

    private static final String TAP = """
            jdissect.dissector({id: "wstap", fields: [{id: "wstap.len", type: "integer"}], sources: [{name: "wstap"}],
              messages: {table: "websocket.text", %s onMessage(ctx, dir, text) { ctx.emit({"wstap.len": text.length}); }} });
            """;

    private Path plugin(String name, String code) throws IOException {
        Path p = Files.createDirectories(dir.resolve("plugins-" + name));
        Files.writeString(p.resolve(name), code);
        return p;
    }

    /** Rows of {@code source} with the Java dissectors of the class path and the plugin folder's. */
    private static List<Row> rows(Path plugins, Path capture, String source) {
        return Analyses.run(Registry.load(plugins), Config.DEFAULTS, capture, source).rows();
    }

    private static long count(Path plugins, String source) {
        return rows(plugins, Batch.CHAT, source).size();
    }

    @Test
    void aJavaScriptTapGetsEveryTextMessageWhileTheJavaChatDissectorKeepsItsRows() throws IOException {
        long chatAlone = Jdissect.open(Batch.CHAT).chat().rows().size();
        assertThat(chatAlone).isPositive();
        Path p = plugin("wstap.js", TAP.formatted(""));
        // every chat message is a text message: the tap sees at least those, and chat loses none
        assertThat(count(p, "wstap")).isGreaterThanOrEqualTo(chatAlone);
        assertThat(count(p, "chat")).isEqualTo(chatAlone);
        Path replacing = plugin("wsrepl.js", TAP.formatted("replaces: \"chat\","));
        assertThat(count(replacing, "wstap")).isEqualTo(count(p, "wstap"));
    }

    @Test
    void aSubscriberThatReplacesChatTakesItsMessagesAndChatGivesNone() throws IOException {
        Path p = plugin("wstap.js", TAP.formatted("replaces: \"chat\","));
        assertThat(count(p, "wstap")).isPositive();
        assertThat(count(p, "chat")).isZero();
    }

    @Test
    void replacingADissectorThatIsNotSubscribedFailsAtLoad() throws IOException {
        Path p = plugin("wstap.js", TAP.formatted("replaces: \"http\","));
        assertThatThrownBy(() -> Registry.load(p)).isInstanceOf(IllegalStateException.class)
                .hasMessage("wstap replaces http on message table websocket.text, but http does not subscribe to it");
    }

    private static String onPort(String id, String priority) {
        return "jdissect.dissector({id: '" + id + "', fields: [], tcpPorts: [9000], " + priority
                + " stream: (ctx) => ({ onData(dir, bytes) { ctx.protocol('" + id + "'); } }) });\n";
    }

    @Test
    void twoClaimantsOfOnePortFailAtLoadNamingBoth() throws IOException {
        Path p = plugin("a.js", onPort("porta", ""));
        Files.writeString(p.resolve("b.js"), onPort("portb", ""));
        assertThatThrownBy(() -> Registry.load(p)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TCP port 9000 is claimed by both porta and portb (priority 0): declare a higher priority");
    }

    @Test
    void aDeclaredPriorityDecidesWhoHasThePort() throws IOException {
        Path p = plugin("a.js", onPort("porta", ""));
        Files.writeString(p.resolve("b.js"), onPort("portb", "priority: 10,"));
        Path cap = new PcapWriter(40000, 9000).send(true, "x").write(dir.resolve("p.pcap"));
        assertThat(rows(p, cap, "flows")).extracting(r -> r.get("flow.protocol")).containsExactly("portb");
    }
}
