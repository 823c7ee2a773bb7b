package io.jdissect.cli.batch;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file created on the first write, so an output a script never uses leaves no empty file behind. */
final class LazyFile extends Writer {
    private final Path path;
    private Writer out;

    LazyFile(Path path) { this.path = path; }

    @Override
    public synchronized void write(char[] buf, int off, int len) throws IOException {
        if (len == 0) return;
        if (out == null) {
            Files.createDirectories(path.getParent());
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        }
        out.write(buf, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (out != null) out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) out.close();
    }
}
