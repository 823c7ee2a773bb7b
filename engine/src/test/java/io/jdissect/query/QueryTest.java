package io.jdissect.query;

import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest {
    private final Registry reg = new Registry(List.of());

    private Query q(String text) {
        return Query.parse(text, reg.fields(), reg.sources());
    }

    private static Row flow(long client, long server, String state) {
        return new Row("flows").put("tcp.port", List.of(client, server)).put("flow.state", state).put("flow.packets", 10L);
    }

    @Test
    void portMatchesEitherEnd() {
        Query query = q("flows where port=7272");
        assertThat(query.matches(flow(40000, 7272, "closed"))).isTrue();
        assertThat(query.matches(flow(7272, 40000, "closed"))).isTrue();
        assertThat(query.matches(flow(40000, 80, "closed"))).isFalse();
    }

    @Test
    void booleanOperatorsAndParentheses() {
        Query query = q("flows where (port == 80 or port == 7272) and not flow.state = \"reset\"");
        assertThat(query.matches(flow(1, 80, "closed"))).isTrue();
        assertThat(query.matches(flow(1, 7272, "reset"))).isFalse();
        assertThat(q("flows where flow.packets > 5 && flow.state contains \"clo\"").matches(flow(1, 2, "closed"))).isTrue();
        assertThat(q("flows where flow.packets < 5 || flow.state != closed").matches(flow(1, 2, "closed"))).isFalse();
    }

    @Test
    void notEqualOnBothEndsMeansNeither() {
        assertThat(q("flows where port != 80").matches(flow(1, 80, "x"))).isFalse();
        assertThat(q("flows where port != 81").matches(flow(1, 80, "x"))).isTrue();
    }

    @Test
    void syntaxErrorsPointAtTheBadToken() {
        assertThatThrownBy(() -> q("flows where port = "))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.position()).isEqualTo(19);
                    assertThat(e.render()).isEqualTo("error: expected a value after ==\n  flows where port = \n                     ^");
                });
        assertThatThrownBy(() -> q("flows where flow.stae = 1"))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.position()).isEqualTo(12);
                    assertThat(e.getMessage()).contains("unknown field 'flow.stae'").contains("did you mean flow.state?");
                });
        assertThatThrownBy(() -> q("flowz")).isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.getMessage()).contains("unknown source"));
        assertThatThrownBy(() -> q("flows where flow.packets = many")).isInstanceOfSatisfying(QueryException.class,
                e -> assertThat(e.position()).isEqualTo(27));
        assertThatThrownBy(() -> q("flows where (port = 1")).isInstanceOf(QueryException.class).hasMessageContaining("expected ')'");
    }

    @Test
    void valueNamesStandForNumbers() {
        io.jdissect.field.FieldDef<?> op = io.jdissect.field.FieldDef.integer("flow.packets", "x", "x", java.util.Map.of(8L, "Connection Close", 1L, "Text"));
        io.jdissect.field.FieldRegistry fields = new io.jdissect.field.FieldRegistry();
        fields.register("t", List.of("flow"), List.of(op));
        Query byWord = Query.parse("flows where flow.packets = close", fields, reg.sources());
        Query byName = Query.parse("flows where flow.packets == \"Connection Close\"", fields, reg.sources());
        Row eight = new Row("flows").put("flow.packets", 8L);
        assertThat(byWord.matches(eight)).isTrue();
        assertThat(byName.matches(eight)).isTrue();
        assertThat(Query.parse("flows where flow.packets = text", fields, reg.sources()).matches(eight)).isFalse();
    }

    @Test
    void countByGroups() {
        Query query = q("flows | count by flow.state");
        List<Row> out = query.run(List.of(flow(1, 2, "a"), flow(1, 2, "b"), flow(1, 2, "a")));
        assertThat(out).extracting(r -> r.get("flow.state") + "=" + r.get("count")).containsExactly("a=2", "b=1");
        assertThat(query.columns()).containsExactly("flow.state", "count");
    }

    @Test
    void limitAndFields() {
        List<Row> out = q("flows | fields flow.state | limit 2").run(List.of(flow(1, 2, "a"), flow(1, 2, "b"), flow(1, 2, "c")));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).values()).containsOnlyKeys("flow.state");
    }

    @Test
    void sortOverMixedValueTypesIsATotalOrder() {
        // numbers compare as numbers and text as text; mixed, that used to make a cycle (9 < 10 < "1a" < 9),
        // and TimSort throws on a comparator that breaks its contract
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Object v = switch (i % 4) {
                case 0 -> (long) (i * 7919 % 101);
                case 1 -> (i * 31 % 17) + "a";
                case 2 -> null;
                default -> (double) (i % 13);
            };
            rows.add(new Row("flows").put("flow.state", v).put("flow.packets", (long) i));
        }
        List<Row> sorted = q("flows | sort flow.state").run(rows);
        assertThat(sorted).hasSize(200);
        // nulls, then numbers by value, then text by text
        List<Object> values = sorted.stream().map(r -> r.get("flow.state")).toList();
        List<Object> expected = new java.util.ArrayList<>(values.stream().filter(v -> v == null).toList());
        expected.addAll(values.stream().filter(v -> v instanceof Number).sorted(java.util.Comparator.comparingDouble(v -> ((Number) v).doubleValue())).toList());
        expected.addAll(values.stream().filter(v -> v instanceof String).sorted().toList());
        assertThat(values).containsExactlyElementsOf(expected);
    }

    @Test
    void anAggregateAfterAnAggregateReadsItsColumns() {
        // a second aggregate groups the first one's rows: anomaly.id is gone after a count without by
        assertThatThrownBy(() -> q("anomalies | count | count by anomaly.id")).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown field 'anomaly.id'; the columns here are count");
        assertThat(q("anomalies | count by anomaly.id | count").columns()).containsExactly("count");
    }

    /** Which filters a capture index can use to skip conversations: only conditions every row of one shares. */
    @Test
    void filtersOnAConversationsOwnFieldsNarrowARead() {
        assertThat(q("packets where tcp.stream == 3").filtersFlows()).isTrue();
        assertThat(q("packets where tcp.stream == 3 and tcp.len > 0").filtersFlows()).isTrue();
        assertThat(q("packets where port == 80 or ip.addr == 10.0.0.1").filtersFlows()).isTrue();
        assertThat(q("packets where tcp.len > 0").filtersFlows()).isFalse();
        assertThat(q("packets where tcp.stream == 3 or tcp.len > 0").filtersFlows()).isFalse();
        assertThat(q("packets where not tcp.stream == 3").filtersFlows()).isFalse();
        assertThat(q("packets").filtersFlows()).isFalse();
        io.jdissect.spi.Row flow = new io.jdissect.spi.Row("flows").put("tcp.stream", 3L)
                .put("ip.addr", java.util.List.of("10.0.0.1", "10.0.0.9")).put("tcp.port", java.util.List.of(40001L, 80L));
        assertThat(q("packets where tcp.stream == 3 and tcp.len > 0").mayMatchFlow(flow)).isTrue();
        assertThat(q("packets where tcp.stream == 4 and tcp.len > 0").mayMatchFlow(flow)).isFalse();
        assertThat(q("packets where port == 443 or ip.addr == 10.0.0.9").mayMatchFlow(flow)).isTrue();
        assertThat(q("packets where port == 443 or ip.addr == 10.0.0.8").mayMatchFlow(flow)).isFalse();
    }
}
