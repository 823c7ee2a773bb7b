package io.jdissect.flow;

/** Where a TCP conversation is in its life cycle, as far as the capture shows. */
public enum FlowState {
    SYN_SENT("syn-sent"), ESTABLISHED("established"), MIDSTREAM("midstream"), CLOSING("closing"),
    CLOSED("closed"), RESET("reset");

    private final String label;

    FlowState(String label) { this.label = label; }

    public String label() { return label; }
}
