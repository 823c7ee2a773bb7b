package io.jdissect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The captures committed with the engine tests (src/test/resources/captures, see its README). */
public final class Fixtures {
    private Fixtures() { }

    public static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/captures/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path capture(String name) {
        return root().resolve(name);
    }

    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
