package io.jdissect.spi;

/** Which way bytes flow in a TCP conversation, relative to the side that opened it. */
public enum Direction {
    /** From the client (the side that sent the SYN) to the server. */
    C2S("c2s"),
    /** From the server to the client. */
    S2C("s2c");

    private final String label;

    Direction(String label) { this.label = label; }

    public String label() { return label; }

    public Direction reverse() { return this == C2S ? S2C : C2S; }

    public int index() { return ordinal(); }
}
