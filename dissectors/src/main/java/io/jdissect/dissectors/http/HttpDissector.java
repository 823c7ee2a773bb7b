package io.jdissect.dissectors.http;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.Source;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** HTTP/1.x: registration only. Ports 80 and 8080, a heuristic on the client's first bytes, and "decode as". */
public final class HttpDissector implements Dissector {
    /** The declaration table of this protocol: every field, anomaly and limit under "http". */
    static final Declarations DECL = Declarations.of("http");

    private static final List<byte[]> METHODS = List.of("GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ",
            "PATCH ", "CONNECT ", "TRACE ").stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    private static final byte[] STATUS = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    @Override public String id() { return DECL.prefix(); }

    @Override public String description() { return "Hypertext Transfer Protocol 1.x"; }

    @Override public List<FieldDef<?>> fields() { return HttpFields.ALL; }

    @Override public List<AnomalyDef> anomalies() { return HttpFields.ANOMALIES; }

    @Override public List<Source> sources() { return List.of(HttpFields.SOURCE); }

    @Override public io.jdissect.spi.FrameSummary frameSummary() { return HttpFrameSummary.INSTANCE; }

    @Override public List<PrefDef<?>> prefs() { return HttpLimits.PREFS; }

    @Override
    public void handoff(Handoff handoff) {
        handoff.tcpPort(80, HttpDecoder::create);
        handoff.tcpPort(8080, HttpDecoder::create);
        handoff.tcpHeuristic(HttpDissector::looksLikeHttp, HttpDecoder::create);
        handoff.decodeAs(HttpDecoder::create);
    }

    /** A request method and a space from the client, or (capture started mid-conversation) a status line from the server. */
    static boolean looksLikeHttp(Direction direction, ByteView first) {
        if (direction == Direction.S2C) return first.startsWith(STATUS);
        for (byte[] m : METHODS) {
            if (first.startsWith(m)) return true;
        }
        return false;
    }
}
