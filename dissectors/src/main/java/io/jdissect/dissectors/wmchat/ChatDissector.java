package io.jdissect.dissectors.wmchat;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.Source;
import io.jdissect.spi.Transcript;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** workerman-chat (walkor/workerman-chat) JSON over WebSocket text messages: registration only. */
public final class ChatDissector implements Dissector {
    private static final byte[] TYPE_KEY = "\"type\"".getBytes(StandardCharsets.US_ASCII);

    @Override public String id() { return "chat"; }

    @Override public String description() { return "workerman-chat JSON messages (both protocol generations)"; }

    @Override public List<FieldDef> fields() { return ChatFields.ALL; }

    @Override public List<AnomalyDef> anomalies() { return ChatFields.ANOMALIES; }

    @Override public List<Source> sources() { return List.of(ChatFields.SOURCE); }

    @Override public List<PrefDef> prefs() { return ChatLimits.PREFS; }

    @Override public List<Transcript> transcripts() { return List.of(new ChatFollow()); }

    @Override
    public void handoff(Handoff handoff) {
        handoff.messages("websocket.text", ChatDissector::looksLikeChat, ChatDecoder::create);
    }

    /** A JSON object (first non-blank byte '{') that mentions a "type" key. Cheap: parsing is the decoder's job. */
    static boolean looksLikeChat(ByteView message) {
        int i = 0;
        while (i < message.length() && isBlank(message.u8(i))) i++;
        return i < message.length() && message.u8(i) == '{' && message.indexOf(TYPE_KEY, i + 1) > 0;
    }

    private static boolean isBlank(int b) { return b == ' ' || b == '\t' || b == '\r' || b == '\n'; }
}
