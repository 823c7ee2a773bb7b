package io.jdissect.scripts.api;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.Source;
import io.jdissect.spi.StreamContext;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import java.util.Map;

/**
 * The {@code ctx} a JavaScript decoder gets for one conversation. Rows carry only fields the dissector declared
 * (anything else is a script error); a value of the wrong type is dropped with a {@code <id>.bad_value} anomaly.
 */
public final class StreamApi {
    private final StreamContext context;
    private final String dissector;
    private final Map<String, FieldDef> fields;
    private final Map<String, AnomalyDef> anomalies;
    private final Map<String, Source> sources;
    private final String defaultSource;
    private final AnomalyDef badValue;
    private Direction direction = Direction.C2S;

    public StreamApi(StreamContext context, String dissector, Map<String, FieldDef> fields, Map<String, AnomalyDef> anomalies,
                     Map<String, Source> sources, AnomalyDef badValue) {
        this.context = context;
        this.dissector = dissector;
        this.fields = fields;
        this.anomalies = anomalies;
        this.sources = sources;
        this.defaultSource = sources.isEmpty() ? null : sources.keySet().iterator().next();
        this.badValue = badValue;
    }

    /** The direction rows and anomalies are attributed to: that of the data being decoded. */
    public void direction(Direction d) { this.direction = d; }

    /** Emits a row of the dissector's first source: {@code ctx.emit({"myproto.cmd": "PING"})}. */
    @HostAccess.Export
    public void emit(Value values) {
        if (defaultSource == null) throw new IllegalStateException(dissector + " declares no sources to emit rows to");
        emitTo(defaultSource, values);
    }

    /** Emits a row of one of the dissector's sources. */
    @HostAccess.Export
    public void emitTo(String source, Value values) {
        if (!sources.containsKey(source)) throw new IllegalArgumentException("source '" + source + "' is not declared by " + dissector);
        if (values == null || !values.hasMembers()) throw new IllegalArgumentException("emit takes an object of field id to value");
        // values are checked even when nobody reads the rows, so anomalies do not depend on the query
        boolean wanted = context.wants(source);
        Row row = wanted ? context.newRow(source, direction) : null;
        for (String key : values.getMemberKeys()) {
            FieldDef f = fields.get(key);
            if (f == null) throw new IllegalArgumentException("field '" + key + "' is not declared by " + dissector);
            FieldConversion.Converted c = FieldConversion.convert(f.type(), values.getMember(key));
            if (c.problem() != null) {
                context.anomaly(badValue, direction, key + " " + c.problem());
            } else if (wanted) {
                row.put(f, c.value());
            }
        }
        if (wanted) context.emit(row);
    }

    /** Reports an anomaly the dissector declared: {@code ctx.anomaly("myproto.too_long", "412 bytes")}. */
    @HostAccess.Export
    public void anomaly(String id, String detail) {
        AnomalyDef a = anomalies.get(id);
        if (a == null) throw new IllegalArgumentException("anomaly '" + id + "' is not declared by " + dissector);
        context.anomaly(a, direction, detail == null ? "" : detail);
    }

    /** Names the conversation's protocol (flow.protocol). */
    @HostAccess.Export
    public void protocol(String name) { context.protocol(name); }

    /** tcp.stream of this conversation. */
    @HostAccess.Export
    public long stream() { return context.stream(); }

    /** Frame number of the packet being decoded. */
    @HostAccess.Export
    public long frame() { return context.frame(); }

    /** addr:port of the side that opened the conversation. */
    @HostAccess.Export
    public String client() { return context.client(); }

    @HostAccess.Export
    public String server() { return context.server(); }

    /** Whether anyone reads rows of {@code source}: lets a decoder skip building them. */
    @HostAccess.Export
    public boolean wants(String source) { return context.wants(source); }
}
