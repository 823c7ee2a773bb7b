package io.jdissect.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixtures folder, found from the repository root that surefire passes as {@code jdissect.root}. */
public final class SharedFiles {
    private SharedFiles() { }

    public static Path root() {
        String root = System.getProperty("jdissect.root");
        if (root == null) throw new IllegalStateException("system property jdissect.root is not set (run through Maven surefire)");
        return Path.of(root);
    }

    /** {@code ../shared/<relative>} against the repository root; fails when it does not exist. */
    public static Path shared(String relative) {
        Path p = root().resolve("../shared").resolve(relative).normalize();
        if (!Files.exists(p)) throw new IllegalStateException("missing shared fixture " + p);
        return p;
    }
}
