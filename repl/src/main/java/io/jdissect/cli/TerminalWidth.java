package io.jdissect.cli;

import java.io.IOException;

/** How wide the terminal that standard output goes to is, for tables that fit it. */
public final class TerminalWidth {
    private TerminalWidth() { }

    /** The terminal's width when standard output is one, else 0 (no fitting: pipes get whole values). */
    public static int get() {
        Invocation inv = Invocation.current();
        if (inv != null) return inv.columns();   // the engine's caller measured its own terminal
        java.io.Console c = System.console();
        if (c == null) return 0;
        try {
            // Java 22+ gives a console to redirected output too; isTerminal (22+) tells them apart
            if (!(Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c)) return 0;
        } catch (ReflectiveOperationException e) {
            // Java 21: a console is a terminal
        }
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d+")) return Integer.parseInt(env);
        try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder().system(true).dumb(true).build()) {
            return t.getWidth() > 0 ? t.getWidth() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
