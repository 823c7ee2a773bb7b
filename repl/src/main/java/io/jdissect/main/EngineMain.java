package io.jdissect.main;

import io.jdissect.server.EngineServer;

import java.nio.file.Path;

/** The warm engine's JVM ({@code bin/jdissect} starts it through its client): {@code EngineMain SOCKET}. */
public final class EngineMain {
    private EngineMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EngineMain SOCKET");
            System.exit(2);
        }
        new EngineServer(Path.of(args[0]), Main::commandLine, EngineServer.idleOf(System.getenv("JDISSECT_ENGINE_IDLE"))).serve();
        System.exit(0);   // threads a command left behind (a cancelled query still reading) do not keep the engine up
    }
}
