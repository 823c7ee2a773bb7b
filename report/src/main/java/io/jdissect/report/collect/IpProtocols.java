package io.jdissect.report.collect;

/** Names of the IP protocol numbers a capture commonly holds besides TCP. */
final class IpProtocols {
    private IpProtocols() { }

    static String name(long proto) {
        return switch ((int) proto) {
            case 1 -> "icmp";
            case 2 -> "igmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "icmpv6";
            case 132 -> "sctp";
            default -> "ip proto " + proto;
        };
    }
}
