package io.jdissect.index;

import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Dissector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which file an index describes (size, modification time and file key, as make and rsync judge a file unchanged)
 * and under which settings it was made: conversation numbering and protocol detection depend on the preferences,
 * "decode as" rules and dissectors of the run, so an index made under others is not used.
 *
 * @param size        file size in bytes
 * @param modified    last modification, nanoseconds since the epoch
 * @param fileKey     the file system's identity of the file (device and inode), or ""
 * @param fingerprint digest of the settings that shape conversations and protocols
 */
record IndexKey(long size, long modified, String fileKey, String fingerprint) {
    static final int VERSION = 3;   // 2: record lengths, bytes between packets (pcapng blocks); 3: the table last

    static IndexKey of(Path file, Config config, Registry registry) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = a.fileKey();
        long modified = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        return new IndexKey(a.size(), modified, key == null ? "" : key.toString(), fingerprint(config, registry));
    }

    private static String fingerprint(Config config, Registry registry) {
        StringBuilder sb = new StringBuilder("v").append(VERSION);
        Map<String, Long> prefs = new TreeMap<>(config.prefs());
        prefs.keySet().removeIf(IndexKey::irrelevant);
        sb.append("|prefs=").append(prefs).append("|decode_as=").append(new TreeMap<>(config.decodeAs())).append("|dissectors=");
        registry.dissectors().stream().map(Dissector::id).sorted().forEach(id -> sb.append(id).append(','));
        return sha256(sb.toString()).substring(0, 32);
    }

    /** Settings that change how a run goes, not what it finds. */
    private static boolean irrelevant(String pref) {
        return pref.startsWith("capture.index") || pref.equals("engine.threads") || pref.startsWith("repl.");
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);   // every JDK has SHA-256
        }
    }
}
