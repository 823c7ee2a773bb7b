package io.jdissect.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The capture bundled in the jar (a real workerman-chat session), opened when no file is named. */
public final class SampleCapture {
    public static final String NAME = "chat-lo.pcap";

    private SampleCapture() { }

    /** Extracts the sample once per user into a cache folder and returns its path. */
    public static Path path() {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jdissect-" + System.getProperty("user.name", "user"));
            Files.createDirectories(dir);
            Path f = dir.resolve(NAME);
            try (InputStream in = SampleCapture.class.getResourceAsStream("/samples/" + NAME)) {
                if (in == null) throw new IllegalStateException("the bundled sample capture is missing from the jar");
                byte[] bytes = in.readAllBytes();
                if (!Files.exists(f) || Files.size(f) != bytes.length) {
                    Path tmp = Files.createTempFile(dir, "sample", ".tmp");
                    Files.write(tmp, bytes);
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sample capture: " + e.getMessage(), e);
        }
    }
}
