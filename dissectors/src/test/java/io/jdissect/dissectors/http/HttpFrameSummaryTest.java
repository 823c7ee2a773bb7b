package io.jdissect.dissectors.http;

import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-packet view of an HTTP message as tshark 4.0 spells it (each case seen in a corpus2 capture). */
class HttpFrameSummaryTest {
    private static Row response(String type, long bodyLength) {
        Row r = new Row("http").put(HttpFields.RESPONSE, true).put(HttpFields.RESPONSE_VERSION, "HTTP/1.1")
                .put(HttpFields.CODE, 200L).put(HttpFields.PHRASE, "OK").put(HttpFields.BODY_LENGTH, bodyLength);
        return type == null ? r : r.put(HttpFields.CONTENT_TYPE, type);
    }

    private static Row request(String method, String uri, String version) {
        Row r = new Row("http").put(HttpFields.REQUEST, true).put(HttpFields.METHOD, method).put(HttpFields.URI, uri);
        return version == null ? r : r.put(HttpFields.REQUEST_VERSION, version);
    }

    @Test
    void theBodysDissectorIsTsharksByItsMediaTypeTableNotByTheTypesPrefix() {
        HttpFrameSummary s = HttpFrameSummary.INSTANCE;
        // 650HttpResponses: text/x-json is no line-based text type; application/x-javascript is one
        assertThat(s.layers(response("text/x-json; charset=UTF-8", 10))).isEqualTo("http:media");
        assertThat(s.layers(response("application/x-javascript", 10))).isEqualTo("http:data-text-lines");
        assertThat(s.layers(response("application/javascript;charset=UTF-8", 10))).isEqualTo("http:media");
        assertThat(s.layers(response("text/x-cross-domain-policy", 10))).isEqualTo("http:media");
        assertThat(s.layers(response("text/html", 10))).isEqualTo("http:data-text-lines");
        // vxlan-encapsulated-http: SVG goes to the XML dissector
        assertThat(s.layers(response("image/svg+xml", 10))).isEqualTo("http:xml");
        assertThat(s.protocolColumn(response("image/svg+xml", 10))).isEqualTo("HTTP/XML");
        assertThat(s.layers(response("application/x-fcs", 17))).isEqualTo("http");
        assertThat(s.layers(response("text/html", 0))).isEqualTo("http");
    }

    @Test
    void infoEndsAsTheBodysDissectorWritesIt() {
        HttpFrameSummary s = HttpFrameSummary.INSTANCE;
        assertThat(s.info(response("text/html; charset=UTF-8", 5))).isEqualTo("HTTP/1.1 200 OK  (text/html)");
        assertThat(s.info(response("application/json; charset=utf-8", 5))).isEqualTo("HTTP/1.1 200 OK , JavaScript Object Notation (application/json)");
        assertThat(s.info(response("text/xml; charset=UTF-8", 5))).isEqualTo("HTTP/1.1 200 OK");
        assertThat(s.info(response("image/svg+xml", 5))).isEqualTo("HTTP/1.1 200 OK");
        assertThat(s.info(response("application/x-fcs", 17))).isEqualTo("HTTP/1.1 200 OK");
        assertThat(s.info(response("image/png", 5))).isEqualTo("HTTP/1.1 200 OK  (PNG)");
        assertThat(s.info(response(null, 5))).isEqualTo("HTTP/1.1 200 OK");
        // one_tcp_stream_max_seq: a request's body is named too
        assertThat(s.info(request("POST", "/x.ashx", "HTTP/1.1").put(HttpFields.BODY_LENGTH, 20L)
                .put(HttpFields.CONTENT_TYPE, "application/x-www-form-urlencoded"))).isEqualTo("POST /x.ashx HTTP/1.1  (application/x-www-form-urlencoded)");
    }

    @Test
    void aRequestLineWithoutAVersionIsShownAsSent() {
        // methods.pcap: "OPTIONS HTTP/1.1", "OPTIONS", "GET /HTTP/1.1" (no version: the parser keeps method and URI)
        HttpFrameSummary s = HttpFrameSummary.INSTANCE;
        assertThat(s.info(request("OPTIONS", "HTTP/1.1", null))).isEqualTo("OPTIONS HTTP/1.1");
        assertThat(s.info(request("OPTIONS", "", null))).isEqualTo("OPTIONS");
        assertThat(s.info(request("GET", "/HTTP/1.1", null))).isEqualTo("GET /HTTP/1.1");
        assertThat(s.info(request("GET", "/", "HTTP/1.1"))).isEqualTo("GET / HTTP/1.1");
    }
}
