package io.jdissect.field;

/** How a field's values are held (Java type in brackets) and compared. */
public enum FieldType {
    /** Unsigned or signed integer [Long]. */
    INTEGER(Long.class),
    /** Boolean [Boolean]; compares with true/false and 1/0. */
    BOOLEAN(Boolean.class),
    /** Text [String]. */
    STRING(String.class),
    /** Floating point [Double]. */
    DOUBLE(Double.class),
    /** IPv4 or IPv6 address as tshark prints it [String]. */
    ADDRESS(String.class),
    /** Absolute time, nanoseconds since the epoch [Long], printed as ISO-8601. */
    TIME(Long.class),
    /** Raw bytes as lowercase hex [String]. */
    BYTES(String.class);

    private final Class<?> javaClass;

    FieldType(Class<?> javaClass) { this.javaClass = javaClass; }

    /** The Java class of one value of this type. */
    public Class<?> javaClass() { return javaClass; }
}
