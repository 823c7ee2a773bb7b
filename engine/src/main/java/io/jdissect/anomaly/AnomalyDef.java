package io.jdissect.anomaly;

/** An anomaly kind, declared once like a field: {@code websocket.mask.unexpected}. */
public record AnomalyDef(String id, Severity severity, String description) {
    public static AnomalyDef note(String id, String description) { return new AnomalyDef(id, Severity.NOTE, description); }
    public static AnomalyDef warn(String id, String description) { return new AnomalyDef(id, Severity.WARN, description); }
    public static AnomalyDef error(String id, String description) { return new AnomalyDef(id, Severity.ERROR, description); }
}
