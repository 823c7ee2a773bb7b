package io.jdissect.dissectors.http;

import io.jdissect.spi.FrameSummary;
import io.jdissect.spi.Row;

import java.util.Locale;
import java.util.Set;

/**
 * An HTTP message in the per-packet view, as tshark shows the frame that completes it: {@code http} followed by
 * the media-type dissector its body goes to, and the start line in the Info column.
 */
final class HttpFrameSummary implements FrameSummary {
    static final HttpFrameSummary INSTANCE = new HttpFrameSummary();

    @Override
    public String layers(Row row) {
        String body = bodyLayer(row);
        return body == null || body.equals("http") ? "http" : "http:" + body;
    }

    @Override
    public String protocolColumn(Row row) {
        // tshark's column names the body's dissector too when it is one of its own protocols
        String body = bodyLayer(row);
        return "xml".equals(body) ? "HTTP/XML" : "json".equals(body) ? "HTTP/JSON" : "HTTP";
    }

    @Override
    public String info(Row row) {
        String line;
        if (Boolean.TRUE.equals(row.get(HttpFields.REQUEST))) {
            // the request line as sent: a line without a version (OPTIONS, GET /HTTP/1.1) has none to show
            line = row.get(HttpFields.METHOD) + " " + text(row.get(HttpFields.URI)) + (row.get(HttpFields.REQUEST_VERSION) instanceof String v ? " " + v : "");
        } else {
            Object phrase = row.get(HttpFields.PHRASE);
            line = row.get(HttpFields.RESPONSE_VERSION) + " " + row.get(HttpFields.CODE) + (phrase == null ? "" : " " + phrase);
        }
        line = line.stripTrailing();
        String body = bodyLayer(row);
        if (body == null) return line;
        // what the body's dissector appends to tshark's column: the media type after two spaces (data-text-lines,
        // media, urlencoded-form), its own words (json, PNG), or nothing (xml, data, and rtmpt that takes application/x-fcs)
        return switch (body) {
            case "xml", "http", "data" -> line;
            case "json" -> line + " , JavaScript Object Notation (" + mediaType(row) + ")";
            case "png" -> line + "  (PNG)";
            default -> line + "  (" + mediaType(row) + ")";
        };
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * The dissector tshark hands a body to by its Content-Type (its {@code media_type} table), or null when there is
     * no body; "http" when the dissector that takes it shows no layer of its own.
     */
    static String bodyLayer(Row row) {
        if (!(row.get(HttpFields.BODY_LENGTH) instanceof Long n) || n == 0) return null;
        String type = mediaType(row);
        if (type == null) return "data";
        if (TEXT_LINES.contains(type)) return "data-text-lines";
        if (XML.contains(type)) return "xml";
        if (JSON.contains(type)) return "json";
        return switch (type) {
            case "image/png" -> "png";
            case "image/jpeg" -> "image-jfif";
            case "image/gif" -> "image-gif";
            case "application/x-www-form-urlencoded" -> "urlencoded-form";
            case "application/x-fcs" -> "http";   // RTMPT's: a body that is no whole RTMP chunk shows nothing
            default -> type.startsWith("multipart/") ? "mime_multipart" : "media";
        };
    }

    /**
     * The types tshark's line-based text dissector registers (epan/dissectors/packet-text-media.c): not every
     * text/* (text/x-json is "media") and not only text/* (application/x-javascript is line-based text).
     */
    private static final Set<String> TEXT_LINES = Set.of("text/plain", "text/richtext", "text/enriched", "text/parameters",
            "text/html", "text/xml-external-parsed-entity", "text/css", "application/xml-external-parsed-entity",
            "text/javascript", "application/x-javascript", "application/x-tia-p25-issi", "application/x-tia-p25-sndcp",
            "application/x-ns-proxy-autoconfig", "text/vnd.sun.j2me.app-descriptor", "application/vnd.poc.refer-to",
            "application/vnd.drm.message", "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair");
    /** Some of the types tshark's XML dissector registers (packet-xml.c), SVG among them. */
    private static final Set<String> XML = Set.of("text/xml", "application/xml", "image/svg+xml", "application/xhtml+xml",
            "application/soap+xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/mathml+xml",
            "application/xslt+xml", "application/wsdl+xml", "application/xml-dtd");
    /** The types tshark's JSON dissector registers (packet-json.c). */
    private static final Set<String> JSON = Set.of("application/json", "application/json-rpc", "application/jsonrequest",
            "application/vnd.oma.lwm2m+json");

    /** The Content-Type without its parameters, in lower case, or null. */
    private static String mediaType(Row row) {
        if (!(row.get(HttpFields.CONTENT_TYPE) instanceof String t)) return null;
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
