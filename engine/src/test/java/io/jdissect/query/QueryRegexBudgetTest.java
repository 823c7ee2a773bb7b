package io.jdissect.query;

import io.jdissect.pipeline.Limits;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Regular expressions are bounded per value and per run of a query, and the error names the field and the row. */
class QueryRegexBudgetTest {
    private final Registry reg = new Registry(List.of());

    private Query q(String text) {
        return Query.parse(text, reg.fields(), reg.sources());
    }

    private static Row flow(long stream, String state) {
        return new Row("flows").put("tcp.stream", stream).put("flow.state", state);
    }

    @Test
    void aValueThatBacktracksForeverNamesTheFieldAndTheRowItHasNoFrameOf() {
        Query query = q("flows where flow.state matches \"^b*b*c\"");   // quadratic: 10,000 b's take about 150 million reads
        assertThatThrownBy(() -> query.matches(flow(7, "b".repeat(10_000))))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("a regular expression takes too long (over 10000000 steps) on flow.state of the flows row"
                                + " of tcp.stream 7; simplify it")
                        .doesNotContain("null"));
    }

    @Test
    void aPacketRowIsNamedByItsFrame() {
        Query query = q("packets where frame.protocols matches \"^b*b*c\"");
        Row row = new Row("packets").put("frame.number", 12L).put("frame.protocols", "b".repeat(10_000));
        assertThatThrownBy(() -> query.matches(row)).isInstanceOfSatisfying(QueryException.class,
                e -> assertThat(e.getMessage()).contains("on frame.protocols of frame 12"));
    }

    @Test
    @Timeout(60)
    void manyValuesEachWithinTheirBoundStopAtTheRunsTotal() {
        // ^b*b*c reads about 1.5*n*n characters of n b's: 375,000 per row here, far under the bound of one value,
        // but 20,000 such rows take 7.5 billion reads (minutes) unless the run as a whole is bounded
        Query query = q("flows where flow.state matches \"^b*b*c\" | count").withRegexStepsTotal(100_000_000);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) rows.add(flow(i, "b".repeat(500)));
        assertThatThrownBy(() -> query.run(rows)).isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.getMessage())
                .startsWith("a regular expression takes too long on all rows together: 100000000 steps (query.max_regex_steps_total)"
                        + " were used up at flow.state of the flows row of tcp.stream ")
                .endsWith("; simplify it, narrow the query, or raise query.max_regex_steps_total"));
        // the same work within a total that allows it: every row is matched
        Query enough = q("flows where flow.state matches \"^b*b*c\" | count").withRegexStepsTotal(1_000_000_000);
        assertThat(enough.run(rows.subList(0, 100))).singleElement().satisfies(r -> assertThat(r.number("count")).isZero());
    }

    @Test
    void theTotalIsPerRunAndAWhereStageSharesIt() {
        Query query = q("flows | where flow.state matches \"^b*b*c\" | count").withRegexStepsTotal(10_000_000);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) rows.add(flow(i, "b".repeat(500)));    // about 7.5 million reads
        assertThat(query.run(rows)).singleElement().satisfies(r -> assertThat(r.number("count")).isZero());
        assertThat(query.run(rows)).hasSize(1);                              // a new run starts from nothing
        List<Row> twice = new ArrayList<>(rows);
        twice.addAll(rows);
        assertThatThrownBy(() -> query.run(twice)).isInstanceOfSatisfying(QueryException.class,
                e -> assertThat(e.getMessage()).contains("on all rows together").contains("query.max_regex_steps_total"));
    }

    @Test
    void aPatternThatRecursesOncePerCharacterIsAnErrorNotAStackOverflow() {
        Query query = q("flows where flow.state matches \"^(.|.)*QQ\"");
        assertThatThrownBy(() -> query.matches(flow(3, "x".repeat(200_000)))).isInstanceOfSatisfying(QueryException.class,
                e -> assertThat(e.getMessage()).startsWith("a regular expression recurses too deep on flow.state of the flows row of tcp.stream 3"));
    }

    @Test
    void ordinaryMatchesAreUnaffected() {
        Query query = q("flows where flow.state matches \"^clo\"").withRegexStepsTotal(1000);
        assertThat(query.matches(flow(1, "closed"))).isTrue();
        assertThat(query.matches(flow(1, "reset"))).isFalse();
    }

    @Test
    void aQueryWithAnotherTotalKeepsItsColumnOrder() {
        Query query = q("flows | fields tcp.stream, flow.state, flow.client");
        assertThat(query.withRegexStepsTotal(5).columns()).isEqualTo(query.columns()).containsExactly("tcp.stream", "flow.state", "flow.client");
    }

    @Test
    void thePrefIsTheOneTheErrorNames() {
        assertThat(Limits.QUERY_MAX_REGEX_STEPS_TOTAL.id()).isEqualTo(Query.REGEX_STEPS_TOTAL_PREF);
        assertThat(Limits.QUERY_MAX_REGEX_STEPS_TOTAL.defaultValue()).isEqualTo(Query.DEFAULT_REGEX_STEPS_TOTAL);
    }
}
