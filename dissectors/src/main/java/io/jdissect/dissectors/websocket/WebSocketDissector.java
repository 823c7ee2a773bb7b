package io.jdissect.dissectors.websocket;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.Source;

import java.util.List;

/**
 * WebSocket (RFC 6455, RFC 7692): registration only. Reached through HTTP Upgrade, "decode as", or, for a
 * conversation whose handshake was not captured, the strict {@link MidstreamProbe} (on by default; turn it off
 * with {@code --pref websocket.heuristic=0}).
 */
public final class WebSocketDissector implements Dissector {
    /** The declaration table of this protocol: every field, anomaly and limit under "websocket". */
    static final Declarations DECL = Declarations.of("websocket");

    @Override public String id() { return DECL.prefix(); }

    @Override public String description() { return "WebSocket (RFC 6455) with permessage-deflate (RFC 7692)"; }

    @Override public List<FieldDef<?>> fields() { return WebSocketFields.ALL; }

    @Override public List<AnomalyDef> anomalies() { return WebSocketFields.ANOMALIES; }

    @Override public List<Source> sources() { return List.of(WebSocketFields.SOURCE); }

    @Override public io.jdissect.spi.FrameSummary frameSummary() { return WebSocketFrameSummary.INSTANCE; }

    @Override public List<PrefDef<?>> prefs() { return WebSocketLimits.PREFS; }

    @Override
    public void handoff(Handoff handoff) {
        handoff.upgrade("websocket", WebSocketDecoder::create);
        handoff.decodeAs(WebSocketDecoder::create);
        handoff.tcpFlowHeuristic(MidstreamProbe::judge, true);
    }
}
