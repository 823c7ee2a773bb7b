package io.jdissect.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;

/**
 * Whom the engine serves: the user it runs as, and no one else. The socket's folder (0700) and the socket (0600)
 * already keep others out; this checks the peer's credentials the kernel gives ({@code SO_PEERCRED}) as well, in
 * case a folder's mode was widened.
 */
final class PeerCheck {
    private final UserPrincipal self;

    PeerCheck(UserPrincipal self) {
        this.self = self;
    }

    /** The user this process runs as (the owner of its /proc entry: the effective uid). */
    static PeerCheck ofThisProcess() throws IOException {
        return new PeerCheck(Files.getOwner(Path.of("/proc/self")));
    }

    boolean allows(UserPrincipal peer) {
        return peer != null && peer.getName().equals(self.getName());
    }

    /** The peer's user, as the kernel saw it connect. */
    static UserPrincipal peerOf(SocketChannel ch) throws IOException {
        return ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user();
    }
}
