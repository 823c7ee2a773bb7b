package io.jdissect.report.html;

/** Names of the LINKTYPE_* values (tcpdump.org/linktypes.html) jdissect reads. */
final class LinkTypes {
    private LinkTypes() { }

    static String name(long type) {
        String n = switch ((int) type) {
            case 0 -> "BSD loopback";
            case 1 -> "Ethernet";
            case 101 -> "raw IP";
            case 113 -> "Linux cooked (SLL)";
            case 228 -> "raw IPv4";
            case 229 -> "raw IPv6";
            case 276 -> "Linux cooked v2 (SLL2)";
            default -> null;
        };
        return n == null ? "LINKTYPE " + type : n + " (" + type + ")";
    }
}
