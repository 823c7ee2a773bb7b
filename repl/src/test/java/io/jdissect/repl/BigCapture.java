package io.jdissect.repl;

import io.jdissect.testing.Shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The benchmark generator's capture of a given size (seed 1), made once into target/ and kept there between runs. */
final class BigCapture {
    private BigCapture() { }

    static synchronized Path of(int megabytes) throws Exception {
        Path dir = Path.of("target", "bigcap").toAbsolutePath();
        Files.createDirectories(dir);
        Path f = dir.resolve("ws-" + megabytes + "mb-seed1.pcap");
        if (Files.exists(f) && Files.size(f) > megabytes * 900_000L) return f;
        Path tmp = dir.resolve(f.getFileName() + ".tmp");
        Process gen = new ProcessBuilder("python3", Shared.root().resolve("bench/gen_ws_pcap.py").toString(), "--out", tmp.toString(),
                "--size-mb", Integer.toString(megabytes), "--seed", "1").inheritIO().start();
        if (!gen.waitFor(300, TimeUnit.SECONDS) || gen.exitValue() != 0) throw new IllegalStateException("the generator failed");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return f;
    }
}
