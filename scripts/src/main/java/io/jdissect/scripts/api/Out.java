package io.jdissect.scripts.api;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The global {@code out}: {@code out.println(a, b)} prints its arguments separated by spaces, like print. */
public final class Out {
    private final OutputStream target;

    public Out(OutputStream target) { this.target = target; }

    @HostAccess.Export
    public void print(Value... values) { write(join(values)); }

    @HostAccess.Export
    public void println(Value... values) { write(join(values) + "\n"); }

    private static String join(Value... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(values[i].isString() ? values[i].asString() : values[i].toString());
        }
        return sb.toString();
    }

    private void write(String s) {
        try {
            target.write(s.getBytes(StandardCharsets.UTF_8));
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
