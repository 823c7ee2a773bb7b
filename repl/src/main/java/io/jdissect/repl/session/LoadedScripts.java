package io.jdissect.repl.session;

import io.jdissect.api.Jdissect;
import io.jdissect.scripts.ScriptDissector;
import io.jdissect.scripts.ScriptDissectorProvider;
import io.jdissect.spi.Dissector;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JavaScript dissectors a REPL session loaded ({@code load FILE.js}), beside the built-in and plugin-folder
 * ones. Before each line the session asks {@link #refresh}: a file whose text changed is evaluated again, and its
 * new declarations replace the old (fields, sources, completion). A file that no longer loads keeps the version
 * loaded before, and says why.
 */
final class LoadedScripts {
    /** Files a session may load: more is refused, as a plugin folder's are. */
    static final int MAX_FILES = 256;

    /** A loaded file: the text it was loaded from and the dissector it declared. */
    private record Loaded(String text, ScriptDissector dissector) { }

    private final Map<Path, Loaded> files = new LinkedHashMap<>();

    boolean isEmpty() { return files.isEmpty(); }

    /**
     * Loads {@code file} (again, if it was), and the session's capture with it.
     *
     * @return what was loaded, one line
     * @throws IllegalStateException what is wrong (the file, its declarations, a clash with a loaded dissector);
     *                               the dissectors loaded before stay
     */
    String load(Session session, Path file) {
        Path real = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(real)) throw new IllegalStateException(Files.exists(real) ? file + " is not a file" : "no such file: " + file);
        if (!files.containsKey(real) && files.size() >= MAX_FILES) throw new IllegalStateException("a session loads at most " + MAX_FILES + " files");
        String text = read(real);
        ScriptDissector d = ScriptDissectorProvider.load(real);
        Map<Path, Loaded> next = new LinkedHashMap<>(files);
        next.put(real, new Loaded(text, d));
        use(session, next);
        return describe(d);
    }

    /** Loads every file again, changed or not. */
    void reloadAll(Session session, PrintWriter out) {
        if (files.isEmpty()) {
            out.println("no JavaScript dissector loaded (load FILE.js loads one)");
            return;
        }
        for (Path p : List.copyOf(files.keySet())) reload(session, p, out);
    }

    /** Loads again the files whose text changed since they were loaded; says so, one line each. */
    void refresh(Session session, PrintWriter out) {
        for (Map.Entry<Path, Loaded> e : List.copyOf(files.entrySet())) {
            String now;
            try {
                now = read(e.getKey());
            } catch (IllegalStateException gone) {
                continue;   // deleted or unreadable for now: the loaded version stays; reload says why
            }
            if (!now.equals(e.getValue().text())) reload(session, e.getKey(), out);
        }
    }

    private void reload(Session session, Path file, PrintWriter out) {
        try {
            out.println("reloaded " + load(session, file));
        } catch (RuntimeException ex) {
            out.println("error: " + file.getFileName() + ": " + ex.getMessage() + " (the version loaded before stays)");
            // the text that failed is remembered, so the same error is not repeated before every line
            Loaded was = files.get(file);
            if (was != null) {
                try {
                    files.put(file, new Loaded(read(file), was.dissector()));
                } catch (IllegalStateException ignored) {
                    // unreadable: tried again next time
                }
            }
        }
        out.flush();
    }

    private void use(Session session, Map<Path, Loaded> next) {
        List<Dissector> ds = new ArrayList<>();
        next.values().forEach(l -> ds.add(l.dissector()));
        Jdissect.useDissectors(ds);
        try {
            session.reopen(session.settings());
        } catch (RuntimeException e) {
            Jdissect.useDissectors(files.values().stream().map(l -> (Dissector) l.dissector()).toList());
            throw e;
        }
        files.clear();
        files.putAll(next);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(ScriptDissector d) {
        List<String> ids = d.fields().stream().map(f -> f.id()).toList();
        String sources = d.sources().isEmpty() ? "" : ", sources " + String.join(", ", d.sources().stream().map(s -> s.name()).toList());
        return d.file() + ": dissector " + d.id() + " (fields " + (ids.isEmpty() ? "none" : String.join(", ", ids)) + sources + ")";
    }
}
