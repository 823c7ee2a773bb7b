package io.jdissect.ip;

/** Receives the problems the reassembler meets; {@code frame} is the frame that started the datagram. */
@FunctionalInterface
public interface FragmentEvents {
    void report(FragmentProblem problem, long frame, String detail);

    FragmentEvents IGNORE = (p, f, d) -> { };
}
