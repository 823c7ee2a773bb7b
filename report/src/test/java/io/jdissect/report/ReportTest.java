package io.jdissect.report;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.query.QueryException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the page holds, read from the HTML the report writes (the browser tests load it for real). */
class ReportTest {
    private static Document page(Capture cap, ReportOptions options) throws Exception {
        StringWriter w = new StringWriter();
        Report.of(cap, options).write(w);
        return Jsoup.parse(w.toString());
    }

    @Test
    void aLongConversationShowsItsStartAndEndAndCountsTheRest() throws Exception {
        Capture cap = Jdissect.open(ReportBrowserTest.samplePath());
        Document d = page(cap, new ReportOptions(null, null, ReportLimits.DEFAULTS.with("events", 10)));
        Map<Long, List<Long>> ws = ReportBrowserTest.framesByStream(cap, "websocket");
        for (Map.Entry<Long, List<Long>> e : ws.entrySet()) {
            Element conv = d.getElementById("conv-" + e.getKey());
            int drawn = conv.select("g.ev").size();
            assertThat(drawn).as("events drawn").isEqualTo(10);
            Element band = conv.selectFirst("g.collapsed");
            assertThat(band).as("the band counting the middle").isNotNull();
            long left = Long.parseLong(band.attr("data-ws"));
            assertThat(conv.select("g.ev.ws").size() + left).as("arrows drawn plus frames counted = websocket rows").isEqualTo(e.getValue().size());
            assertThat(band.text()).contains(left + " WebSocket frames");
        }
    }

    @Test
    void oneConversationOnly() throws Exception {
        Capture cap = Jdissect.open(ReportBrowserTest.samplePath());
        Document d = page(cap, new ReportOptions(13L, null, null));
        assertThat(d.select("article.conv").eachAttr("id")).containsExactly("conv-13");
        assertThat(d.select("table.sortable tbody tr")).hasSize(1);
        assertThat(d.select("#chat td.who").eachText()).as("what alice's connection carried").contains("alice", "mynick");
    }

    @Test
    void aFilterAppliesToEverySection() throws Exception {
        Capture cap = Jdissect.open(ReportBrowserTest.samplePath());
        Document d = page(cap, new ReportOptions(null, "port == 7272", null));
        assertThat(d.select("article.conv").eachAttr("id")).containsExactly("conv-6", "conv-13");
        assertThat(d.select("#summary").text()).contains("packets 74");
    }

    @Test
    void aBadFilterIsAQueryError() {
        Capture cap = Jdissect.open(ReportBrowserTest.samplePath());
        assertThatThrownBy(() -> Report.of(cap, new ReportOptions(null, "port ==", null))).isInstanceOf(QueryException.class);
    }

    @Test
    void limitsAreCheckedByName() {
        assertThat(ReportLimits.DEFAULTS.with("diagrams", 3).diagrams()).isEqualTo(3);
        assertThatThrownBy(() -> ReportLimits.DEFAULTS.with("nope", 3)).hasMessageContaining("no report limit 'nope'").hasMessageContaining("diagrams");
        assertThatThrownBy(() -> ReportLimits.DEFAULTS.with("events", 0)).hasMessageContaining("events must be at least");
    }

    @Test
    void thePolicyForbidsEveryLoadAndAllowsOnlyItsOwnScripts() throws Exception {
        Document d = page(Jdissect.open(ReportBrowserTest.samplePath()), ReportOptions.ALL);
        String csp = d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        assertThat(csp).startsWith("default-src 'none';").doesNotContain("unsafe").contains("script-src 'sha256-");
        assertThat(d.select("script:not([type])")).hasSize(2);
        assertThat(d.select("[style]")).as("inline style attributes the policy would block").isEmpty();
    }
}
