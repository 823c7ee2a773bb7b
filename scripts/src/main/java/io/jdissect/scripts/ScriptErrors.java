package io.jdissect.scripts;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns what a script threw into one line: {@code name.js:LINE: message}. */
final class ScriptErrors {
    private ScriptErrors() { }

    /** Where the script was when {@code e} happened: its innermost script frame, or the exception's own location. */
    static String where(PolyglotException e, String scriptName) {
        SourceSection at = section(e, scriptName);
        if (at == null || at.getSource() == null) return scriptName;
        return at.getSource().getName() + ":" + at.getStartLine();
    }

    /** {@link #where} with the column: {@code name.js:LINE:COLUMN}. */
    static String whereExact(PolyglotException e, String scriptName) {
        SourceSection at = section(e, scriptName);
        if (at == null || at.getSource() == null) return scriptName;
        return at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn();
    }

    /** Whether {@code e} is the statement limit's, not another resource's (the heap's). */
    static boolean isStatementLimit(PolyglotException e) {
        return e.isResourceExhausted() && String.valueOf(e.getMessage()).contains("tatement");
    }

    /**
     * The innermost place in the script's own file: not in a built-in it called ({@code <builtin>:1}) nor in
     * jdissect's helper code ({@code Unnamed:1}, when a limit stops the script before it started). Null when the
     * script's file is on no frame.
     */
    private static SourceSection section(PolyglotException e, String scriptName) {
        SourceSection at = e.getSourceLocation();
        if (ours(at, scriptName)) return at;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame() && ours(f.getSourceLocation(), scriptName)) return f.getSourceLocation();
        }
        return null;
    }

    private static boolean ours(SourceSection s, String scriptName) {
        return s != null && s.getSource() != null && !s.getSource().isInternal() && s.getSource().getName().equals(scriptName);
    }

    /** The message of {@code e} without the stack, on one line. */
    static String message(PolyglotException e) {
        String m;
        if (e.isHostException()) {
            Throwable h = e.asHostException();
            m = h.getMessage() == null ? h.getClass().getSimpleName() : h.getMessage();
        } else {
            m = e.getMessage() == null ? "error" : e.getMessage();
            // syntax errors repeat their position ("SyntaxError: a.js:2:7 Expected ..."); the caller already says where
            if (e.isSyntaxError()) m = m.replaceFirst("^SyntaxError: \\S+:\\d+:\\d+ ", "SyntaxError: ");
        }
        return oneLine(m);
    }

    static String oneLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
