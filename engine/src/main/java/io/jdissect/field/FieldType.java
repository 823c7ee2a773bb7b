package io.jdissect.field;

/** How a field's values are held (Java type in brackets) and compared. */
public enum FieldType {
    /** Unsigned or signed integer [Long]. */
    INTEGER,
    /** Boolean [Boolean]; compares with true/false and 1/0. */
    BOOLEAN,
    /** Text [String]. */
    STRING,
    /** Floating point [Double]. */
    DOUBLE,
    /** IPv4 or IPv6 address as tshark prints it [String]. */
    ADDRESS,
    /** Absolute time, nanoseconds since the epoch [Long], printed as ISO-8601. */
    TIME,
    /** Raw bytes as lowercase hex [String]. */
    BYTES;
}
