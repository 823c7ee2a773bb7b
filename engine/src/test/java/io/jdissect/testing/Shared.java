package io.jdissect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the read-only ../shared folder (captures, corpus) beside the repository. */
public final class Shared {
    private Shared() { }

    public static Path root() {
        String r = System.getProperty("jdissect.root");
        Path repo = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        for (Path p = repo; p != null; p = p.getParent()) {
            Path s = p.resolveSibling("shared");
            if (Files.isDirectory(s.resolve("captures"))) return s;
            if (Files.isDirectory(p.resolve("shared/captures"))) return p.resolve("shared");
        }
        throw new IllegalStateException("cannot find the shared/ folder beside " + repo);
    }

    /** {@code shared/<relative>}; fails when it does not exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative).normalize();
        if (!Files.exists(p)) throw new IllegalStateException("missing shared fixture " + p);
        return p;
    }

    public static Path capture(String name) {
        return root().resolve("captures").resolve(name);
    }

    public static Path corpus(String name) {
        return root().resolve("corpus").resolve(name);
    }

    public static Path corpus2(String name) {
        return root().resolve("corpus2").resolve(name);
    }

    /** Every capture in shared/corpus2 (encapsulations, HTTP edge cases, WebSocket tunnels). */
    public static List<Path> corpus2() {
        try (Stream<Path> a = Files.list(root().resolve("corpus2"))) {
            return a.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every capture in shared/captures and shared/corpus. */
    public static List<Path> allCaptures() {
        try (Stream<Path> a = Files.list(root().resolve("captures")); Stream<Path> b = Files.list(root().resolve("corpus"))) {
            return Stream.concat(a, b).filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
