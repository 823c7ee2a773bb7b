package io.jdissect.client;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code jdissect engine status|stop}: asks every engine of this user (any build) about itself, or to exit. */
public final class EngineControl {
    private EngineControl() { }

    static int run(EngineLocation loc, List<String> command, String[] args) {
        String what = args.length == 2 ? args[1] : "";
        if (!what.equals("status") && !what.equals("stop")) {
            System.err.println("jdissect: engine takes status or stop");
            return 2;
        }
        int found = 0;
        try (DirectoryStream<Path> socks = Files.newDirectoryStream(loc.dir(), "engine-*.sock")) {
            for (Path s : socks) {
                String answer = ask(s, what);
                if (answer == null) continue;
                found++;
                System.out.print(answer);
            }
        } catch (IOException e) {
            System.err.println("jdissect: cannot list " + loc.dir() + ": " + e.getMessage());
            return 1;
        }
        if (what.equals("stop")) {
            try (DirectoryStream<Path> marks = Files.newDirectoryStream(loc.dir(), "engine-*.failed")) {
                for (Path m : marks) Files.deleteIfExists(m);   // a stop gives a build whose engine failed another try
            } catch (IOException e) {
                // nothing to clear
            }
        }
        if (found == 0) {
            System.out.println("no engine running (" + loc.dir() + ")");
            return what.equals("status") ? 1 : 0;
        }
        return 0;
    }

    /** The engine's answer to {@code engine WHAT}, or null when nothing listens on {@code socket}. */
    public static String ask(Path socket, String what) {
        try (SocketChannel ch = EngineStarter.connect(socket)) {
            Wire w = new Wire(ch);
            byte[] req = new Request(List.of("engine", what), "/", Map.of(), 0, "UTF-8").encode();
            w.send(Wire.REQUEST, req, 0, req.length);
            StringBuilder sb = new StringBuilder();
            for (Wire.Frame f = w.read(); f != null && f.type() != Wire.EXIT; f = w.read()) {
                sb.append(new String(f.payload(), StandardCharsets.UTF_8));
            }
            return sb.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
