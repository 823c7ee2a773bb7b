package io.jdissect.report;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders reports of real captures and loads them in headless Chromium: the page must run without errors and load
 * nothing (no request in the browser's network log, no policy violation), and its drawings must match the rows
 * the API gives for the same capture.
 */
class ReportBrowserTest {
    @TempDir Path work;

    static Stream<Path> captures() {
        return Stream.of(samplePath(), Shared.corpus("zeek__websocket-two-binary-fragments.pcap"), Shared.corpus("zeek__wikipedia.pcap"));
    }

    /** The bundled sample, from the repository this test runs in. */
    static Path samplePath() {
        return Path.of(System.getProperty("jdissect.root", "..")).resolve("repl/src/main/resources/samples/chat-lo.pcap").toAbsolutePath().normalize();
    }

    private Path render(Capture cap, ReportOptions options) throws Exception {
        Path html = work.resolve(cap.path().getFileName() + ".html");
        Report.of(cap, options).write(html);
        return html;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void loadsCleanlyAndDrawsOneArrowPerFrame(Path capture) throws Exception {
        Capture cap = Jdissect.open(capture);
        Path html = render(cap, ReportOptions.ALL);
        Chromium.Load load = Chromium.load(html, work);
        Document d = Jsoup.parse(load.dom());

        assertThat(d.selectFirst("html").attr("data-loaded-ms")).as("the load event ran").isNotEmpty();
        assertThat(d.getElementById("jd-health").text()).as("script errors, console errors, blocked loads").isEmpty();
        assertThat(load.pageRequests()).as("requests the page made").isEmpty();
        assertThat(d.select("[src]")).as("nothing embedded by address").isEmpty();
        assertThat(d.select("link[href]").eachAttr("href")).allMatch(h -> h.startsWith("data:"));

        Map<Long, List<Long>> ws = framesByStream(cap, "websocket");
        for (Map.Entry<Long, List<Long>> e : ws.entrySet()) {
            Element conv = d.getElementById("conv-" + e.getKey());
            assertThat(conv).as("diagram of WebSocket conversation " + e.getKey()).isNotNull();
            assertThat(frames(conv, "g.ev.ws")).as("one arrow per websocket row of stream " + e.getKey()).isEqualTo(e.getValue());
            assertThat(conv.select("g.collapsed")).as("nothing collapsed in a short conversation").isEmpty();
        }
        for (Map.Entry<Long, List<Long>> e : framesByStream(cap, "http").entrySet()) {
            Element conv = d.getElementById("conv-" + e.getKey());
            assertThat(conv).as("diagram of HTTP conversation " + e.getKey()).isNotNull();
            assertThat(frames(conv, "g.ev.http")).as("one arrow per http row of stream " + e.getKey()).isEqualTo(e.getValue());
        }
        String frames = d.getElementById("jd-frames").data();
        for (String f : d.select(".fr").eachAttr("data-frame")) {
            assertThat(frames).as("popup details of frame " + f).contains("\"" + f + "\":{");
        }
        assertThat(d.select("table.sortable tbody tr")).hasSize(cap.flows().size());
    }

    @Test
    void theSampleDrawsItsUpgradeAndBothWebSocketConversations() throws Exception {
        Capture cap = Jdissect.open(samplePath());
        Document d = Jsoup.parse(Chromium.load(render(cap, ReportOptions.ALL), work).dom());
        for (String s : List.of("6", "13")) {
            Element conv = d.getElementById("conv-" + s);
            assertThat(conv.select("g.ev.http.ok").text()).as("accept key checked").contains("matches the key");
            assertThat(conv.select("g.ev.tcp .label").eachText()).as("TCP handshake, then teardown").startsWith("SYN", "SYN, ACK", "ACK")
                    .contains("RST");
            assertThat(conv.select("g.ev.ws.close .label").eachText()).as("close frames with their codes").hasSize(2)
                    .anyMatch(t -> t.contains("code 1001")).anyMatch(t -> t.contains("code 1000"));
        }
        assertThat(d.select("#conv-6 g.ev.tcp").first().text()).as("time and frame of the SYN").contains("0.609", "#59");
        assertThat(d.select("#anomalies details summary code").eachText()).contains("tcp.retransmission", "http.body.text_truncated");
    }

    @Test
    void everyChatMessageOfTheScenarioAppearsInTheTranscript() throws Exception {
        Capture cap = Jdissect.open(samplePath());
        Document d = Jsoup.parse(Chromium.load(render(cap, ReportOptions.ALL), work).dom());
        List<String> shown = d.select("#chat table.transcript td.msg").eachText();
        List<String> said = scenarioSays(Shared.capture("chat-lo.pcap.md"));
        assertThat(said).as("says in the scenario note").hasSize(6);
        for (String s : said) {
            String start = s.length() > 150 ? s.substring(0, 150) : s;
            assertThat(shown).as("transcript line for " + start).anyMatch(t -> t.startsWith(start));
        }
        Element secret = d.select("#chat tr.private").first();
        assertThat(secret).isNotNull();
        assertThat(secret.text()).contains("mynick", "alice", "private", "secret: see you at 8 (private to alice)");
        Element hi = d.select("#chat tr").stream().filter(r -> r.text().contains("hi, all ！")).findFirst().orElseThrow();
        assertThat(hi.select("td.frames a.fr").eachText()).as("the client's frame and the server's two copies").containsExactly("144", "145", "147");
        assertThat(d.select("#chat svg.timeline text.user").eachText()).containsExactly("mynick", "alice");
    }

    @Test
    void aFrameNumberOpensThePopupWithItsRowsFields() throws Exception {
        Path html = render(Jdissect.open(samplePath()), ReportOptions.ALL);
        Path linked = work.resolve("linked.html");
        Files.copy(html, linked);
        Chromium.Load load = Chromium.load(linked, work, "#frame=144");
        Document d = Jsoup.parse(load.dom());
        Element pop = d.getElementById("jd-pop");
        assertThat(pop.hasAttr("hidden")).as("popup open").isFalse();
        assertThat(pop.select("h4").text()).isEqualTo("Frame 144");
        assertThat(pop.select("caption").eachText()).contains("websocket");
        assertThat(pop.select("tr").eachText()).anyMatch(t -> t.startsWith("websocket.opcode 1 (Text)"))
                .anyMatch(t -> t.startsWith("websocket.direction c2s"));
        assertThat(d.getElementById("jd-health").text()).isEmpty();
    }

    /** The detector of requests must see one when a page makes it, or its silence above proves nothing. */
    @Test
    void aPageThatLoadsSomethingIsCaught() throws Exception {
        Path leaky = work.resolve("leaky.html");
        Files.writeString(leaky, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>");
        assertThat(Chromium.load(leaky, work).pageRequests()).anyMatch(r -> r.contains("http://127.0.0.1:9/x.png"));

        // and the report's own policy blocks such a load, which its health script records
        String page = Files.readString(render(Jdissect.open(samplePath()), ReportOptions.ALL), StandardCharsets.UTF_8)
                .replace("<main>", "<main><img src=\"http://127.0.0.1:9/y.png\">");
        Path blocked = work.resolve("blocked.html");
        Files.writeString(blocked, page);
        Chromium.Load load = Chromium.load(blocked, work);
        assertThat(load.pageRequests()).isEmpty();
        assertThat(Jsoup.parse(load.dom()).getElementById("jd-health").text()).contains("blocked by policy", "127.0.0.1:9/y.png");
    }

    private static List<Long> frames(Element conv, String selector) {
        List<Long> l = new ArrayList<>();
        for (String f : conv.select(selector).eachAttr("data-frame")) l.add(Long.parseLong(f));
        l.sort(null);
        return l;
    }

    static Map<Long, List<Long>> framesByStream(Capture cap, String source) {
        Map<Long, List<Long>> m = new TreeMap<>();
        for (Row r : cap.query(source)) m.computeIfAbsent(r.number("tcp.stream"), k -> new ArrayList<>()).add(r.number("frame.number"));
        m.values().forEach(l -> l.sort(null));
        return m;
    }

    /** The content of every say in the note's "messages sent" lists (cut where the note cuts a long one). */
    static List<String> scenarioSays(Path note) throws Exception {
        List<String> says = new ArrayList<>();
        Pattern content = Pattern.compile("\"type\":\"say\".*?\"content\":\"([^\"`]*)");
        boolean sent = false;
        for (String line : Files.readAllLines(note, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) sent = line.contains("messages sent");
            Matcher m = content.matcher(line);
            if (sent && line.matches("\\d+\\. .*") && m.find()) says.add(m.group(1));
        }
        return says;
    }
}
