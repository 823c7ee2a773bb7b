package io.jdissect.scripts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A dissector's contexts (one per core) run on one polyglot engine, so its file is parsed and compiled once for
 * all of them; with an engine each, one context's flows could run interpreted while another's were compiled.
 */
class SharedEngineTest {
    @TempDir Path dir;

    @Test
    void theContextsOfADissectorShareOneEngine() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: a dissector has one context");
        Path file = dir.resolve("toy.js");
        try (InputStream in = getClass().getResourceAsStream("/dissectors/toy.js")) {
            Files.write(file, in.readAllBytes());
        }
        ScriptDissector d = ScriptDissector.load(file, ScriptLimits.DEFAULTS, OutputStream.nullOutputStream());
        ScriptInstance first = d.instance();
        ScriptInstance other = null;
        // threads take the instance of their stripe (thread id modulo the cores): a few new threads reach another one
        for (int i = 0; i < 64 && other == null; i++) {
            AtomicReference<ScriptInstance> got = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> got.set(d.instance()));
            t.join();
            if (got.get() != first) other = got.get();
        }
        assertThat(other).as("a second context").isNotNull();
        assertThat(first.engine()).isNotNull();
        assertThat(other.engine()).isSameAs(first.engine());

        d.stopForMemory("stopped by the test");
        assertThat(first.engine()).as("closed with the dissector").isNull();
        assertThat(other.engine()).isNull();
    }
}
