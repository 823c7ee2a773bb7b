package io.jdissect.client;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the engine for one installation, build and set of JVM options listens:
 * {@code DIR/engine-HOME-BUILD-OPTIONS.sock}. HOME hashes the installation's folder ({@code -Djdissect.home}, else
 * the first class path entry's folder), so two checkouts of one user keep an engine each; BUILD hashes the name, size and time of every jar on the class path (a rebuild changes it); OPTIONS hashes the
 * JVM command and the environment the engine reads once for the whole process (the cache folder, the locale), and
 * the plugin folder's listing. DIR is {@code $JDISSECT_ENGINE_DIR}, else {@code $XDG_RUNTIME_DIR/jdissect}, else
 * {@code /tmp/jdissect-UID}; it is the user's alone (mode 0700), or no engine is used.
 */
public record EngineLocation(Path dir, String home, String build, String options) {
    /** Environment the engine process reads once, so an engine serves only callers that agree on it. */
    static final List<String> PROCESS_ENV = List.of("JDISSECT_CACHE", "XDG_CACHE_HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ");

    private String name() {
        return "engine-" + home + "-" + build + "-" + options;
    }

    public Path socket() {
        return dir.resolve(name() + ".sock");
    }

    public Path log() {
        return dir.resolve(name() + ".log");
    }

    public Path lock() {
        return dir.resolve(name() + ".lock");
    }

    /** Marks a build whose engine would not start: its commands run in-process until the build changes. */
    public Path failed() {
        return dir.resolve(name() + ".failed");
    }

    /** @param command the engine's JVM command up to its main class: java, options, -cp CLASSPATH */
    public static EngineLocation of(List<String> command, Map<String, String> env) throws IOException {
        long build = FNV_OFFSET;
        String home = null;
        long opts = FNV_OFFSET;
        for (int i = 0; i < command.size(); i++) {
            String w = command.get(i);
            boolean classPath = i > 0 && (command.get(i - 1).equals("-cp") || command.get(i - 1).equals("-classpath"));
            if (classPath) {
                for (String entry : w.split(File.pathSeparator)) build = stamp(build, entry);
                if (home == null) home = new File(w.split(File.pathSeparator)[0]).getAbsoluteFile().getParent();
            } else {
                opts = hash(opts, w);
                if (w.startsWith("-Djdissect.home=")) home = w.substring("-Djdissect.home=".length());
                if (w.startsWith("-Djdissect.plugins=")) opts = listing(opts, Path.of(w.substring("-Djdissect.plugins=".length())));
            }
        }
        for (String name : PROCESS_ENV) opts = hash(opts, name + "=" + env.getOrDefault(name, ""));
        return new EngineLocation(directory(env), Long.toHexString(hash(FNV_OFFSET, String.valueOf(home)) >>> 32), hex(build), hex(opts));
    }

    static Path directory(Map<String, String> env) throws IOException {
        String dir = env.get("JDISSECT_ENGINE_DIR");
        if (dir != null && !dir.isEmpty()) return own(Path.of(dir));
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))) return own(Path.of(xdg, "jdissect"));
        return own(Path.of(System.getProperty("java.io.tmpdir"), "jdissect-" + uid()));
    }

    /** The folder, made if missing; refused unless it is this user's with no access for anyone else. */
    static Path own(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made by a concurrent client: checked below
            }
        }
        Object owner = Files.getAttribute(dir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(uid())) throw new IOException(dir + " belongs to uid " + owner + ", not to this user");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IOException(dir + " is open to others (" + PosixFilePermissions.toString(perms) + "); it must be 0700");
            }
        }
        return dir;
    }

    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    // FNV-1a, 64 bits: a stamp, not a secret (the folder's mode is the protection), and no provider to load at start
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;

    private static long hash(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long stamp(long h, String entry) {
        if (entry.endsWith("/*") || entry.equals("*")) {
            File[] jars = new File(entry.substring(0, entry.length() - 1)).listFiles((d, n) -> n.endsWith(".jar") || n.endsWith(".JAR"));
            if (jars == null) return hash(h, entry);
            Arrays.sort(jars);
            for (File j : jars) h = stamp(h, j.getPath());
            return h;
        }
        File f = new File(entry);
        return hash(h, entry + ":" + f.length() + ":" + f.lastModified());
    }

    private static long listing(long h, Path dir) {
        File[] files = dir.toFile().listFiles();
        if (files == null) return h;
        Arrays.sort(files);
        for (File f : files) h = hash(h, f.getName() + ":" + f.length() + ":" + f.lastModified());
        return h;
    }

    private static String hex(long h) {
        return Long.toHexString(h >>> 16);   // 12 hex digits: short enough for the socket path's 108-byte limit
    }
}
