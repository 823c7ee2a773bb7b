package io.jdissect.repl;

import io.jdissect.cli.ProgressLine;
import org.jline.builtins.Less;
import org.jline.builtins.Source;
import org.jline.terminal.Terminal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a REPL command's output goes. Anything printed first erases the progress line; with the pager on, a
 * command's output is held (up to {@link #MAX_HELD_CHARS}) and shown when it ends, through {@code $PAGER} or JLine's
 * {@code less} when it is longer than the screen, else printed as it is.
 */
final class Screen extends Writer {
    /** Characters of one command's output held for the pager; past this it is printed as it comes. */
    static final int MAX_HELD_CHARS = 16 << 20;

    private final Terminal terminal;
    private final ProgressLine progress;
    private final StringBuilder held = new StringBuilder();
    private boolean holding;

    Screen(Terminal terminal, ProgressLine progress) {
        this.terminal = terminal;
        this.progress = progress;
    }

    /** A command starts; {@code page}: hold its output for the pager. */
    synchronized void begin(boolean page) {
        progress.reset();
        held.setLength(0);
        holding = page && !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    /** The command ended: show what was held. */
    void end() {
        String text;
        synchronized (this) {
            progress.clear();
            text = held.toString();
            held.setLength(0);
            holding = false;
        }
        if (text.isEmpty()) return;
        if (lines(text) < terminal.getHeight() - 1) {
            terminal.writer().write(text);
            terminal.writer().flush();
            return;
        }
        try {
            page(text);
        } catch (IOException | RuntimeException e) {
            terminal.writer().write(text);   // no pager to be had: the output itself matters more
            terminal.writer().flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void page(String text) throws IOException, InterruptedException {
        String pager = System.getenv("PAGER");
        if (pager != null && !pager.isBlank()) {
            Process p = new ProcessBuilder("sh", "-c", pager).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the pager quit before reading everything (q): fine
            }
            p.waitFor();
            return;
        }
        new Less(terminal, Path.of("")).run(new Source.InputStreamSource(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, "jdissect output (q leaves)"));
    }

    /** Lines the text takes on screen (tables fit the width; other long lines wrap). */
    private int lines(String text) {
        int w = Math.max(1, terminal.getWidth());
        int n = 0;
        for (String l : text.split("\n", -1)) n += Math.max(1, (l.length() + w - 1) / w);
        return n;
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        progress.clear();
        if (holding && held.length() + len <= MAX_HELD_CHARS) {
            held.append(cbuf, off, len);
            return;
        }
        if (holding) {   // too much to hold: print what was held and go on printing as it comes
            terminal.writer().write(held.toString());
            held.setLength(0);
            holding = false;
        }
        terminal.writer().write(cbuf, off, len);
    }

    @Override
    public synchronized void flush() {
        if (!holding) terminal.writer().flush();
    }

    @Override
    public void close() { flush(); }
}
