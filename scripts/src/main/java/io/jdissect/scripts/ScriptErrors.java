package io.jdissect.scripts;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns what a script threw into one line: {@code name.js:LINE: message}. */
final class ScriptErrors {
    private ScriptErrors() { }

    /** Where the script was when {@code e} happened: its innermost script frame, or the exception's own location. */
    static String where(PolyglotException e, String scriptName) {
        SourceSection at = section(e);
        if (at == null || at.getSource() == null) return scriptName;
        return at.getSource().getName() + ":" + at.getStartLine();
    }

    /** {@link #where} with the column: {@code name.js:LINE:COLUMN}. */
    static String whereExact(PolyglotException e, String scriptName) {
        SourceSection at = section(e);
        if (at == null || at.getSource() == null) return scriptName;
        return at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn();
    }

    /** Whether {@code e} is the statement limit's, not another resource's (the heap's). */
    static boolean isStatementLimit(PolyglotException e) {
        return e.isResourceExhausted() && String.valueOf(e.getMessage()).contains("tatement");
    }

    /** The innermost place in the script's own code: not in a built-in it called (e.g. {@code <builtin>:1}). */
    private static SourceSection section(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        if (at != null && at.getSource() != null && !at.getSource().isInternal()) return at;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            SourceSection s = f.getSourceLocation();
            if (f.isGuestFrame() && s != null && s.getSource() != null && !s.getSource().isInternal()) return s;
        }
        return at;
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
