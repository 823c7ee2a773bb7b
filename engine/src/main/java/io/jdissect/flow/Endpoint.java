package io.jdissect.flow;

import io.jdissect.packet.Addresses;

/** One side of a conversation. */
public record Endpoint(int version, long hi, long lo, int port) {
    public String address() { return Addresses.format(version, hi, lo); }

    /** {@code 127.0.0.1:7272}, or {@code [::1]:7272} for IPv6, as a user would type it. */
    @Override
    public String toString() {
        return version == 6 ? "[" + address() + "]:" + port : address() + ":" + port;
    }

    public boolean matches(long h, long l, int p) { return hi == h && lo == l && port == p; }
}
