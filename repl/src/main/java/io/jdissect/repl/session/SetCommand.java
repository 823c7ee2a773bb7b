package io.jdissect.repl.session;

import io.jdissect.api.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code set [ID VALUE]}: how the REPL shows results (display_rows, format, pager, layout) or an engine limit or
 * preference (reloads the capture with it); with no arguments, every setting with its value.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Show or change a setting: display_rows N, format table|jsonl|..., pager on|off, layout table|vertical,",
                "or an engine limit or preference (e.g. set tcp.max_held_bytes 1048576; the capture is read again with it)."})
final class SetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID") String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE") String value;

    SetCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (id == null) {
            for (String n : new java.util.TreeSet<>(ShowPrefs.NAMES.keySet())) out.printf("  %-32s %s%n", n, session.prefs().value(n));
            for (Map.Entry<String, Long> e : values().entrySet()) out.printf("  %-32s %d%n", e.getKey(), e.getValue());
            return 0;
        }
        if (value == null) {
            String v = ShowPrefs.NAMES.containsKey(id) ? session.prefs().value(id) : values().get(id) == null ? null : values().get(id).toString();
            if (v == null) return noSuch(err);
            out.println(id + " = " + v);
            return 0;
        }
        if (ShowPrefs.NAMES.containsKey(id)) {
            try {
                session.prefs(session.prefs().with(id, value));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            out.println(id + " = " + session.prefs().value(id));
            return 0;
        }
        if (!session.capture().dissectors().prefs().containsKey(id)) return noSuch(err);
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            err.println("error: " + id + " takes a number, not '" + value + "'");
            return 2;
        }
        Settings next = session.settings().withPref(id, v);
        try {
            io.jdissect.api.Jdissect.check(next);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        session.reopen(next);
        out.println(id + " = " + v);
        return 0;
    }

    private int noSuch(PrintWriter err) {
        java.util.Set<String> names = new java.util.TreeSet<>(ShowPrefs.NAMES.keySet());
        names.addAll(session.capture().dissectors().prefs().keySet());
        err.println("error: no setting '" + id + "'" + io.jdissect.query.Suggest.didYouMean(id, names) + "; set alone lists them");
        return 2;
    }

    /** Every engine limit and preference with the value it has in this session. */
    Map<String, Long> values() {
        Map<String, Long> m = new TreeMap<>();
        session.capture().dissectors().prefs().forEach((k, def) -> m.put(k, session.settings().pref(k, def.defaultValue())));
        return m;
    }
}
