package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.DissectorProvider;
import io.jdissect.spi.FlowHeuristic;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.PrefProvider;
import io.jdissect.spi.RowCheck;
import io.jdissect.spi.Source;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.spi.StreamHeuristic;
import io.jdissect.spi.Transcript;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Every dissector found through {@link ServiceLoader}, with the fields, sources and dispatch tables they
 * declared. Built once at start-up and immutable afterwards; a conflicting declaration fails here, loudly.
 */
public final class Registry {
    public record Heuristic(String dissector, StreamHeuristic test, StreamDecoder.Factory factory) { }

    public record FlowEntry(String dissector, FlowHeuristic test, boolean enabledByDefault) {
        /** The preference that switches this heuristic on (1) or off (0). */
        public String pref() { return dissector + ".heuristic"; }
    }

    /** A subscriber of a message table; {@code replaces} is the dissector whose subscription it stands in for, or null. */
    public record MessageEntry(String dissector, MessageDecoder.Heuristic test, MessageDecoder.Factory factory, String replaces) { }

    /** Fields {@code dissector} adds to rows of another dissector's {@code source}. */
    public record Extension(String dissector, String source, List<io.jdissect.field.FieldDef<?>> fields, io.jdissect.spi.RowExtension extension) { }

    /** Who has a TCP port, at which priority. */
    private record PortClaim(String dissector, int priority, StreamDecoder.Factory factory) { }

    private final List<Dissector> dissectors;
    private final FieldRegistry fields = new FieldRegistry();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, AnomalyDef> anomalies = new LinkedHashMap<>();
    private final Map<Integer, PortClaim> ports = new HashMap<>();
    /** Every claim of each port, while dissectors hand off; resolved into {@link #ports} once all have. */
    private final Map<Integer, List<PortClaim>> portClaims = new java.util.TreeMap<>();
    private final List<Heuristic> heuristics = new ArrayList<>();
    private final List<FlowEntry> flowHeuristics = new ArrayList<>();
    private final Map<String, StreamDecoder.Factory> upgrades = new HashMap<>();
    private final Map<String, StreamDecoder.Factory> decodeAs = new HashMap<>();
    private final Map<String, List<MessageEntry>> messageTables = new HashMap<>();
    private final Map<String, PrefDef<?>> prefs = new java.util.TreeMap<>();
    private final Map<String, Transcript> transcripts = new LinkedHashMap<>();
    /** How rows of each source read in the per-packet view, for the sources whose dissector says. */
    private final Map<String, io.jdissect.spi.FrameSummary> frameSummaries = new HashMap<>();
    /** Who may put what in rows of each source, for {@link RowCheck}. */
    private final Map<String, RowCheck.Owner> rowOwners = new HashMap<>();
    /** Extensions as dissectors declared them, then by the source they extend (in dissector id order). */
    private final List<Extension> declaredExtensions = new ArrayList<>();
    private final Map<String, io.jdissect.spi.RowExtension[]> extensions = new HashMap<>();

    public Registry(List<Dissector> dissectors) {
        this.dissectors = List.copyOf(dissectors);
        fields.register("engine", EngineFields.PREFIXES, EngineFields.ALL);
        EngineFields.SOURCES.forEach(s -> sources.put(s.name(), s));
        EngineFields.ANOMALIES.forEach(a -> anomalies.put(a.id(), a));
        Limits.ALL.forEach(p -> prefs.put(p.id(), p));
        Map<String, Dissector> ids = new HashMap<>();
        for (Dissector d : this.dissectors) {
            Dissector dup = ids.putIfAbsent(d.id(), d);
            if (dup != null) {
                throw new IllegalStateException("two dissectors claim id '" + d.id() + "': "
                        + dup.getClass().getName() + " and " + d.getClass().getName());
            }
            fields.register(d.id(), List.of(d.id()), d.fields());
            for (AnomalyDef a : d.anomalies()) {
                if (!a.id().startsWith(d.id() + ".")) throw new IllegalStateException(d.id() + " declares anomaly '" + a.id() + "' outside its prefix");
                if (anomalies.putIfAbsent(a.id(), a) != null) throw new IllegalStateException("anomaly '" + a.id() + "' declared twice");
            }
            for (PrefDef<?> p : d.prefs()) {
                if (!p.id().startsWith(d.id() + ".")) throw new IllegalStateException(d.id() + " declares preference '" + p.id() + "' outside its prefix");
                if (prefs.putIfAbsent(p.id(), p) != null) throw new IllegalStateException("preference '" + p.id() + "' declared twice");
            }
            RowCheck.Owner owner = rowOwner(d);
            for (Source s : d.sources()) {
                if (sources.putIfAbsent(s.name(), s) != null) throw new IllegalStateException("source '" + s.name() + "' declared twice");
                rowOwners.put(s.name(), owner);
                if (d.frameSummary() != null) frameSummaries.put(s.name(), d.frameSummary());
            }
            for (Transcript t : d.transcripts()) {
                if (transcripts.putIfAbsent(t.name(), t) != null) throw new IllegalStateException("transcript '" + t.name() + "' declared twice");
            }
            d.handoff(new Tables(d.id()));
        }
        portClaims.forEach((port, claims) -> {
            PortClaim best = java.util.Collections.max(claims, java.util.Comparator.comparingInt(PortClaim::priority));
            List<String> tied = claims.stream().filter(c -> c.priority() == best.priority()).map(PortClaim::dissector).toList();
            if (tied.size() > 1) {
                throw new IllegalStateException("TCP port " + port + " is claimed by both " + String.join(" and ", tied) + " (priority "
                        + best.priority() + "): declare a higher priority for the one that should have it, or --disable the other");
            }
            ports.put(port, best);
        });
        resolveExtensions();
        for (var t : messageTables.entrySet()) {
            // a replacing subscriber is asked first, so the one it replaces never sees a message it takes
            t.getValue().sort(java.util.Comparator.comparing(e -> e.replaces() == null));
            for (MessageEntry e : t.getValue()) {
                if (e.replaces() != null && t.getValue().stream().noneMatch(o -> o.dissector().equals(e.replaces()))) {
                    throw new IllegalStateException(e.dissector() + " replaces " + e.replaces() + " on message table " + t.getKey()
                            + ", but " + e.replaces() + " does not subscribe to it");
                }
            }
        }
    }

    /**
     * Joins each extension's fields to its source: the source's columns (so its table shows them and a query of it
     * may name them) and what the row check lets its rows carry.
     */
    private void resolveExtensions() {
        Map<String, List<Extension>> bySource = new LinkedHashMap<>();
        for (Extension e : declaredExtensions) {
            Source s = sources.get(e.source());
            if (s == null || !rowOwners.containsKey(e.source())) {
                throw new IllegalStateException(e.dissector() + " extends source '" + e.source() + "', which no loaded dissector declares"
                        + (s == null ? "" : " (it is the engine's)") + "; --disable-protocol " + e.dissector() + " too, or load the dissector of " + e.source());
            }
            bySource.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
        }
        bySource.forEach((name, list) -> {
            Source s = sources.get(name);
            List<String> columns = new ArrayList<>(s.columns());
            RowCheck.Owner owner = rowOwners.get(name);
            Map<String, io.jdissect.field.FieldDef<?>> allowed = new HashMap<>(owner.fields());
            for (Extension e : list) {
                for (io.jdissect.field.FieldDef<?> f : e.fields()) {
                    if (!columns.contains(f.id())) columns.add(f.id());
                    allowed.put(f.id(), f);
                }
            }
            sources.put(name, new Source(s.name(), s.description(), columns));
            rowOwners.put(name, new RowCheck.Owner(owner.id(), allowed, owner.families(), owner.badValue()));
            extensions.put(name, list.stream().map(Extension::extension).toArray(io.jdissect.spi.RowExtension[]::new));
        });
    }

    /** The extensions of each source that has some, in dissector id order (empty when none is loaded). */
    Map<String, io.jdissect.spi.RowExtension[]> extensions() { return extensions; }

    /** What rows of {@code d} may carry: its fields, those it uses of others, the engine's (which every row starts with). */
    private RowCheck.Owner rowOwner(Dissector d) {
        Map<String, io.jdissect.field.FieldDef<?>> allowed = new HashMap<>();
        EngineFields.ALL.forEach(f -> allowed.put(f.id(), f));
        d.uses().forEach(f -> allowed.put(f.id(), f));
        List<io.jdissect.field.FieldDef<?>> families = new ArrayList<>();
        for (io.jdissect.field.FieldDef<?> f : d.fields()) {
            if (f.family()) families.add(f);
            else allowed.put(f.id(), f);
        }
        return new RowCheck.Owner(d.id(), allowed, families, anomalies.get(d.id() + ".bad_value"));
    }

    /** A fresh row check for one thread (it remembers what it checked). */
    /** How rows of {@code source} read in the per-packet view, or null when they add nothing there. */
    public io.jdissect.spi.FrameSummary frameSummary(String source) { return frameSummaries.get(source); }

    public RowCheck rowCheck() { return new RowCheck(rowOwners); }

    /**
     * The dissectors on the class path, plus those in the jars of {@code pluginDir} when it exists and those
     * that {@link DissectorProvider}s find there (e.g. JavaScript dissectors).
     */
    public static Registry load(Path pluginDir) {
        return load(pluginDir, List.of());
    }

    /** {@link #load(Path)} with {@code extra} dissectors beside those found (a REPL's {@code load FILE.js}). */
    public static Registry load(Path pluginDir, List<Dissector> extra) {
        ClassLoader cl = Registry.class.getClassLoader();
        if (pluginDir != null && Files.isDirectory(pluginDir)) {
            try (Stream<Path> jars = Files.list(pluginDir)) {
                URL[] urls = jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Registry::url).toArray(URL[]::new);
                if (urls.length > 0) cl = new URLClassLoader(urls, cl);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list plugin folder " + pluginDir + ": " + e.getMessage(), e);
            }
        }
        List<Dissector> found = new ArrayList<>();
        ServiceLoader.load(Dissector.class, cl).forEach(found::add);
        if (pluginDir != null && Files.isDirectory(pluginDir)) {
            for (DissectorProvider p : ServiceLoader.load(DissectorProvider.class, cl)) found.addAll(p.dissectors(pluginDir));
        }
        found.addAll(extra);
        found.sort(java.util.Comparator.comparing(Dissector::id));
        Registry r = new Registry(found);
        for (PrefProvider p : ServiceLoader.load(PrefProvider.class, cl)) {
            for (PrefDef<?> d : p.prefs()) {
                if (r.prefs.putIfAbsent(d.id(), d) != null) throw new IllegalStateException("preference '" + d.id() + "' declared twice");
            }
        }
        return r;
    }

    public static Registry load() {
        return load(null);
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Tables implements Handoff {
        private final String owner;

        Tables(String owner) { this.owner = owner; }

        @Override public void tcpPort(int port, StreamDecoder.Factory f) { tcpPort(port, 0, f); }

        @Override public void tcpPort(int port, int priority, StreamDecoder.Factory f) {
            List<PortClaim> claims = portClaims.computeIfAbsent(port, p -> new ArrayList<>());
            claims.removeIf(c -> c.dissector().equals(owner));   // a dissector's later claim of a port replaces its earlier one
            claims.add(new PortClaim(owner, priority, f));
        }

        @Override
        public void extend(String source, List<io.jdissect.field.FieldDef<?>> added, io.jdissect.spi.RowExtension extension) {
            for (io.jdissect.field.FieldDef<?> f : added) {
                if (!f.id().startsWith(owner + ".")) throw new IllegalStateException(owner + " extends " + source + " with field '" + f.id() + "', which is not its own");
            }
            declaredExtensions.add(new Extension(owner, source, List.copyOf(added), extension));
        }

        @Override public void tcpHeuristic(StreamHeuristic h, StreamDecoder.Factory f) { heuristics.add(new Heuristic(owner, h, f)); }

        @Override public void tcpFlowHeuristic(FlowHeuristic h, boolean enabledByDefault) {
            FlowEntry e = new FlowEntry(owner, h, enabledByDefault);
            flowHeuristics.add(e);
            prefs.putIfAbsent(e.pref(), PrefDef.flag(e.pref(), enabledByDefault,
                    owner + "'s recognition of conversations whose start was not captured: 1 on, 0 off"));
        }

        @Override public void upgrade(String protocol, StreamDecoder.Factory f) { upgrades.put(protocol.toLowerCase(java.util.Locale.ROOT), f); }

        @Override public void decodeAs(StreamDecoder.Factory f) { decodeAs.put(owner, f); }

        @Override public void messages(String table, MessageDecoder.Heuristic h, MessageDecoder.Factory f) {
            messageTables.computeIfAbsent(table, t -> new ArrayList<>()).add(new MessageEntry(owner, h, f, null));
        }

        @Override public void messagesReplacing(String replaced, String table, MessageDecoder.Heuristic h, MessageDecoder.Factory f) {
            if (replaced.equals(owner)) throw new IllegalStateException(owner + " cannot replace itself on message table " + table);
            messageTables.computeIfAbsent(table, t -> new ArrayList<>()).add(new MessageEntry(owner, h, f, replaced));
        }
    }

    public List<Dissector> dissectors() { return dissectors; }

    /**
     * The same dissectors less those named ("all" names every one), as tshark's --disable-protocol: their
     * sources and fields are gone too, so a query naming them is an error.
     */
    public Registry without(java.util.Collection<String> disabled) {
        if (disabled.isEmpty()) return this;
        boolean all = disabled.stream().anyMatch(d -> d.equalsIgnoreCase("all"));
        Registry r = new Registry(dissectors.stream().filter(d -> !all && !disabled.contains(d.id())).toList());
        prefs.forEach(r.prefs::putIfAbsent);   // a preference of a switched-off module is still a known one
        return r;
    }

    public FieldRegistry fields() { return fields; }

    public Map<String, Source> sources() { return Collections.unmodifiableMap(sources); }

    /** Transcripts by name ({@code follow chat}). */
    public Map<String, Transcript> transcripts() { return Collections.unmodifiableMap(transcripts); }

    public Map<String, AnomalyDef> anomalies() { return Collections.unmodifiableMap(anomalies); }

    /** Every declared limit and preference, by id. */
    public Map<String, PrefDef<?>> prefs() { return Collections.unmodifiableMap(prefs); }

    StreamDecoder.Factory portFactory(int port) {
        PortClaim c = ports.get(port);
        return c == null ? null : c.factory();
    }

    List<Heuristic> heuristics() { return heuristics; }

    /** Flow heuristics in registration order (dissectors sorted by id). */
    public List<FlowEntry> flowHeuristics() { return Collections.unmodifiableList(flowHeuristics); }

    StreamDecoder.Factory upgradeFactory(String protocol) { return upgrades.get(protocol.toLowerCase(java.util.Locale.ROOT)); }

    public StreamDecoder.Factory decodeAsFactory(String dissector) { return decodeAs.get(dissector); }

    public java.util.Set<String> decodeAsNames() { return Collections.unmodifiableSet(decodeAs.keySet()); }

    List<MessageEntry> messageTable(String table) { return messageTables.getOrDefault(table, List.of()); }
}
