package io.jdissect.repl.session;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.ReadListener;
import io.jdissect.api.Settings;
import io.jdissect.capture.CaptureException;
import io.jdissect.cli.CaptureSession;
import io.jdissect.output.OutputFormat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Everything a REPL session holds, shared by its commands: the loaded capture and its settings, what {@code set}
 * changed (display_rows, format, pager, layout), and the cancel flag Ctrl-C raises for the command that runs.
 */
public final class Session implements CaptureSession {
    private Capture capture;
    private Settings settings;
    private ShowPrefs prefs = ShowPrefs.DEFAULTS;
    private final IntSupplier width;
    private volatile boolean cancelled;
    private volatile ReadListener progress;
    private boolean leaving;
    private org.jline.reader.History history;
    private volatile LiveState live;
    private final LoadedScripts scripts = new LoadedScripts();

    /** @param width the terminal's columns now (it may be resized) */
    public Session(Path file, Settings settings, IntSupplier width) {
        this.settings = settings;
        this.width = width;
        this.capture = watched(Jdissect.open(file, settings));
    }

    /** The loaded capture; while a live capture runs, its file as written so far (read anew by each command). */
    @Override public Capture capture() {
        LiveState l = live;
        return l != null ? watched(Jdissect.open(l.file(), settings)) : capture;
    }

    public Settings settings() { return settings; }

    public ShowPrefs prefs() { return prefs; }

    public void prefs(ShowPrefs p) { this.prefs = p; }

    @Override public int width() { return width.getAsInt(); }

    /**
     * Loads {@code file} with {@code next} settings and makes it the session's capture, only once it proved
     * readable: a bad path or a file that is no capture leaves the loaded one as it was.
     *
     * @throws IOException what is wrong with the file
     */
    public Capture open(Path file, Settings next) throws IOException {
        if (!file.toString().equals("-") && !Files.isRegularFile(file)) {
            throw new IOException(Files.exists(file) ? file + " is not a file" : "no such file: " + file);
        }
        Capture c = Jdissect.open(file, next);
        try {
            c.checkReadable();
        } catch (CaptureException e) {
            throw new IOException(e.getMessage(), e);
        }
        capture = watched(c);
        settings = next;
        return c;
    }

    /** The loaded file again with other settings (a pref, "decode as"). */
    public void reopen(Settings next) {
        Capture c = Jdissect.open(capture().path(), next);
        capture = watched(c);
        settings = next;
    }

    private Capture watched(Capture c) {
        return c.watch(new ReadListener() {
            @Override public void progress(io.jdissect.api.ReadProgress p) {
                ReadListener l = progress;
                if (l != null) l.progress(p);
            }

            @Override public boolean cancelled() { return cancelled; }
        });
    }

    /** Where reads report how far they got (the REPL's status line), or null. */
    public void progress(ReadListener l) { this.progress = l; }

    /** Ctrl-C: the running command's reads stop at their next check. */
    public void cancel() { cancelled = true; }

    /** Before each command. */
    public void resetCancel() { cancelled = false; }

    public boolean cancelled() { return cancelled; }

    /** The user asked to leave (quit, exit). */
    public void leave() { leaving = true; }

    public boolean leaving() { return leaving; }

    public void history(org.jline.reader.History h) { this.history = h; }

    /** The JavaScript dissectors {@code load} loaded. */
    LoadedScripts scripts() { return scripts; }

    /** Before each line: loads again the files {@code load} loaded that changed since, saying so on {@code out}. */
    public void refreshScripts(PrintWriter out) {
        if (!scripts.isEmpty()) scripts.refresh(this, out);
    }

    /** The live capture running in this session, or null. */
    LiveState live() { return live; }

    void live(LiveState l) { this.live = l; }

    /** Stops a live capture that still runs (the REPL is leaving). */
    public void close() {
        LiveState l = live;
        if (l != null) l.stop();
    }

    /** The line history, or null before the line reader exists. */
    public org.jline.reader.History history() { return history; }

    @Override
    public int printQuery(String query, OutputFormat format, PrintWriter out) {
        return new QueryPrinter(this, out).print(query, format != null ? format : prefs.format());
    }
}
