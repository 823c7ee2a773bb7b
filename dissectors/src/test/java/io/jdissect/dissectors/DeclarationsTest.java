package io.jdissect.dissectors;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.dissectors.http.HttpLimits;
import io.jdissect.dissectors.websocket.WebSocketFields;
import io.jdissect.dissectors.websocket.WebSocketLimits;
import io.jdissect.dissectors.wmchat.ChatLimits;
import io.jdissect.field.FieldDef;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.PrefDef;
import io.jdissect.testing.Analyses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each dissector's declaration table: lists built under its prefix, bad_value declared, limits read typed. */
class DeclarationsTest {
    @Test
    void everyDeclarationIsUnderItsDissectorsPrefixAndEachHasBadValue() {
        Registry r = Analyses.registry();
        for (String id : new String[] {"http", "websocket", "chat"}) {
            Dissector d = r.dissectors().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertThat(d.fields()).isNotEmpty().allMatch(f -> f.id().equals(id) || f.id().startsWith(id + "."));
            assertThat(d.anomalies()).extracting(AnomalyDef::id).contains(id + ".bad_value").allMatch(a -> a.startsWith(id + "."));
            assertThat(d.prefs()).isNotEmpty().allMatch(p -> p.id().startsWith(id + "."));
        }
        Dissector chat = r.dissectors().stream().filter(x -> x.id().equals("chat")).findFirst().orElseThrow();
        assertThat(chat.uses()).containsExactly(WebSocketFields.DIRECTION);
        assertThat(WebSocketFields.TEXT_TABLE.name()).isEqualTo("websocket.text");
    }

    @Test
    void limitsAreReadAsTheirTypesWithOneDefault() {
        Config c = Config.DEFAULTS.withPref(WebSocketLimits.MAX_MESSAGE, 1000).withPref(ChatLimits.LAZY_JSON, 0);
        assertThat(c.pref(WebSocketLimits.MAX_MESSAGE)).isEqualTo(1000);
        assertThat(c.pref(ChatLimits.LAZY_JSON)).isFalse();
        assertThat(Config.DEFAULTS.pref(HttpLimits.MAX_BODY_KEPT)).isEqualTo(HttpLimits.DEFAULTS.maxBodyKept());
        for (PrefDef<?> p : WebSocketLimits.PREFS) assertThat(p.problem(p.defaultValue())).isNull();
        FieldDef<Long> opcode = WebSocketFields.OPCODE;
        assertThat(opcode.accepts(8L)).isTrue();
        assertThat(opcode.accepts("8")).isFalse();
    }
}
