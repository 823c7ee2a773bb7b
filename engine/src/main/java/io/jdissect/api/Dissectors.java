package io.jdissect.api;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.Source;
import io.jdissect.spi.Transcript;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dissectors an analysis runs and everything they declared: fields, sources, anomalies, preferences, the
 * names "decode as" takes, transcripts. What completion, help and output read; nothing here runs a capture.
 */
public final class Dissectors {
    private final Registry registry;

    Dissectors(Registry registry) { this.registry = registry; }

    Registry registry() { return registry; }

    /** The dissectors, by id, with their descriptions. */
    public List<Dissector> all() { return registry.dissectors(); }

    public FieldRegistry fields() { return registry.fields(); }

    /**
     * Whether a field holds both ends of a conversation (a List of two values, {@code ip.addr}, {@code tcp.port}):
     * a query compares it with either; a table of columns (Spark) holds it as an array.
     */
    public boolean eitherEnd(String fieldId) {
        return fieldId.equals(io.jdissect.pipeline.EngineFields.IP_ADDR.id()) || fieldId.equals(io.jdissect.pipeline.EngineFields.TCP_PORT.id())
                || fieldId.equals(io.jdissect.pipeline.EngineFields.PORT.id());
    }

    public Map<String, Source> sources() { return registry.sources(); }

    public Map<String, AnomalyDef> anomalies() { return registry.anomalies(); }

    /** Every declared limit and preference, by id (those of switched-off dissectors too). */
    public Map<String, PrefDef<?>> prefs() { return registry.prefs(); }

    /** The dissector ids "decode as" takes. */
    public Set<String> decodeAsNames() { return registry.decodeAsNames(); }

    /** The transcript named {@code name} ({@code follow chat}), or null. */
    public Transcript transcript(String name) { return registry.transcripts().get(name); }

    public Map<String, Transcript> transcripts() { return registry.transcripts(); }
}
