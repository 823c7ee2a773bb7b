package io.jdissect.query;

import io.jdissect.pipeline.Registry;
import io.jdissect.query.QuerySyntax.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class QuerySyntaxTest {
    private final Registry reg = new Registry(List.of());

    /** Each classified word of the query with its kind, in order. */
    private Map<String, Kind> kinds(String q) {
        return QuerySyntax.spans(q, reg.fields(), reg.sources()).stream()
                .collect(Collectors.toMap(s -> q.substring(s.from(), s.to()), QuerySyntax.Span::kind, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void sourceKeywordsFieldsValuesAndOperatorsAreTold() {
        assertThat(kinds("flows where tcp.port in {7272 80} and flow.state == \"closed\" | count by ip.src"))
                .containsExactly(Map.entry("flows", Kind.SOURCE), Map.entry("where", Kind.KEYWORD), Map.entry("tcp.port", Kind.FIELD),
                        Map.entry("in", Kind.KEYWORD), Map.entry("7272", Kind.VALUE), Map.entry("80", Kind.VALUE),
                        Map.entry("and", Kind.KEYWORD), Map.entry("flow.state", Kind.FIELD), Map.entry("==", Kind.OPERATOR),
                        Map.entry("\"closed\"", Kind.VALUE), Map.entry("|", Kind.OPERATOR), Map.entry("count", Kind.KEYWORD),
                        Map.entry("by", Kind.KEYWORD), Map.entry("ip.src", Kind.FIELD));
    }

    @Test
    void aWordThatIsNeitherFieldNorKeywordIsLeftPlainAndTheParserSaysWhy() {
        assertThat(kinds("flows where nosuch.field == 1")).doesNotContainKey("nosuch.field").containsEntry("1", Kind.VALUE);
    }

    @Test
    void textTheLexerCannotReadIsLeftPlainFromThere() {
        // an unterminated string: what comes before it is still classified, nothing after it is
        assertThat(kinds("flows where flow.state == \"clo")).containsOnlyKeys("flows", "where", "flow.state", "==");
        assertThat(QuerySyntax.spans("\"", reg.fields(), reg.sources())).isEmpty();
    }

    @Test
    void addressesDurationsAndByteStringsAreValues() {
        assertThat(kinds("flows where ip.addr == 10.0.0.0/8 and flow.duration > 500ms and tcp.payload[0:2] == 47:45"))
                .containsEntry("10.0.0.0/8", Kind.VALUE).containsEntry("500ms", Kind.VALUE).containsEntry("47:45", Kind.VALUE);
    }
}
