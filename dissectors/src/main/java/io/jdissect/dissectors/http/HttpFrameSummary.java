package io.jdissect.dissectors.http;

import io.jdissect.spi.FrameSummary;
import io.jdissect.spi.Row;

import java.util.Locale;

/**
 * An HTTP message in the per-packet view, as tshark shows the frame that completes it: {@code http} followed by
 * the media-type dissector its body goes to, and the start line in the Info column.
 */
final class HttpFrameSummary implements FrameSummary {
    static final HttpFrameSummary INSTANCE = new HttpFrameSummary();

    @Override
    public String layers(Row row) {
        String body = bodyLayer(row);
        return body == null ? "http" : "http:" + body;
    }

    @Override
    public String protocolColumn(Row row) {
        // tshark's column names the body's dissector too when it is one of its own protocols
        String body = bodyLayer(row);
        return "xml".equals(body) ? "HTTP/XML" : "json".equals(body) ? "HTTP/JSON" : "HTTP";
    }

    @Override
    public String info(Row row) {
        if (Boolean.TRUE.equals(row.get(HttpFields.REQUEST))) {
            return row.get(HttpFields.METHOD) + " " + row.get(HttpFields.URI) + " " + row.get(HttpFields.REQUEST_VERSION);
        }
        Object phrase = row.get(HttpFields.PHRASE);
        String line = row.get(HttpFields.RESPONSE_VERSION) + " " + row.get(HttpFields.CODE) + (phrase == null ? "" : " " + phrase);
        String body = bodyLayer(row);
        // tshark puts the body's media type after two spaces, or the name of the dissector that took it (PNG)
        return body == null ? line : line + "  (" + (body.equals("png") ? "PNG" : mediaType(row)) + ")";
    }

    /** The dissector tshark hands a body to by its Content-Type, or null when there is no body. */
    private static String bodyLayer(Row row) {
        if (!(row.get(HttpFields.BODY_LENGTH) instanceof Long n) || n == 0) return null;
        String type = mediaType(row);
        if (type == null) return "data";
        return switch (type) {
            case "image/png" -> "png";
            case "image/jpeg" -> "image-jfif";
            case "image/gif" -> "image-gif";
            case "application/json" -> "json";
            case "text/xml", "application/xml" -> "xml";
            case "application/x-www-form-urlencoded" -> "urlencoded-form";
            default -> type.startsWith("text/") ? "data-text-lines" : type.startsWith("multipart/") ? "mime_multipart" : "media";
        };
    }

    /** The Content-Type without its parameters, in lower case, or null. */
    private static String mediaType(Row row) {
        if (!(row.get(HttpFields.CONTENT_TYPE) instanceof String t)) return null;
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
