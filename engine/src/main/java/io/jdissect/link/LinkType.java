package io.jdissect.link;

/** LINKTYPE_* values (tcpdump.org/linktypes.html) that jdissect decodes, and their names. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW_OPENBSD = 12;   // DLT_RAW on some BSDs
    public static final int RAW_BSDOS = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int NFLOG = 239;
    public static final int LINUX_SLL2 = 276;

    private LinkType() { }

    public static boolean supported(int lt) {
        return switch (lt) {
            case NULL, ETHERNET, RAW_OPENBSD, RAW_BSDOS, RAW, LOOP, LINUX_SLL, IPV4, IPV6, NFLOG, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    public static String name(int lt) {
        return switch (lt) {
            case NULL -> "NULL (BSD loopback)";
            case ETHERNET -> "Ethernet";
            case RAW_OPENBSD, RAW_BSDOS, RAW -> "raw IP";
            case LOOP -> "LOOP (OpenBSD loopback)";
            case LINUX_SLL -> "Linux cooked (SLL)";
            case IPV4 -> "raw IPv4";
            case IPV6 -> "raw IPv6";
            case NFLOG -> "Linux netfilter log (NFLOG)";
            case LINUX_SLL2 -> "Linux cooked v2 (SLL2)";
            default -> "link type " + lt;
        };
    }

    /** The link layer's protocol name as tshark's frame.protocols spells it: the first layer of frame.encap. */
    public static String layer(int lt) {
        return switch (lt) {
            case NULL, LOOP -> "null";
            case ETHERNET -> "eth";
            case LINUX_SLL -> "sll";
            case LINUX_SLL2 -> "sll2";
            case NFLOG -> "nflog";
            default -> "raw";
        };
    }
}
