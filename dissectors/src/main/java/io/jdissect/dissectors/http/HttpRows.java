package io.jdissect.dissectors.http;

import io.jdissect.dissectors.http.model.Header;
import io.jdissect.dissectors.http.model.HttpHead;
import io.jdissect.dissectors.http.model.RequestLine;
import io.jdissect.dissectors.http.model.StatusLine;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.jdissect.dissectors.http.HttpFields.*;

/** Fills an http row from a parsed message; knows field layout, nothing about state. */
final class HttpRows {
    private HttpRows() { }

    static void head(Row row, HttpHead head) {
        switch (head.start()) {
            case RequestLine r -> {
                row.put(REQUEST, true);
                row.put(METHOD, r.method());
                row.put(URI, r.uri());
                row.put(REQUEST_VERSION, r.version());
            }
            case StatusLine s -> {
                row.put(RESPONSE, true);
                row.put(RESPONSE_VERSION, s.version());
                row.put(CODE, s.code());
                row.put(PHRASE, s.phrase());
            }
        }
        for (Header h : head.headers()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            FieldDef<String> f = HEADER_FIELDS.get(lower);
            if (f != null && !row.has(f.id())) row.put(f, h.value());
            String id = HEADER.id() + "." + familyKey(lower);
            Object old = row.get(id);
            row.put(id, old == null ? h.value() : append(old, h.value()));
        }
        String length = head.first("content-length");
        if (length != null && StartLines.parseLength(length) >= 0) row.put(CONTENT_LENGTH, StartLines.parseLength(length));
    }

    /** {@code Sec-WebSocket-Key} becomes {@code sec_websocket_key}: segments of a field id allow [a-z0-9_]. */
    static String familyKey(String lowerName) {
        StringBuilder sb = new StringBuilder(lowerName.length());
        for (int i = 0; i < lowerName.length(); i++) {
            char c = lowerName.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    private static List<Object> append(Object old, String value) {
        List<Object> list = new ArrayList<>();
        if (old instanceof List<?> l) list.addAll(l);
        else list.add(old);
        list.add(value);
        return list;
    }
}
