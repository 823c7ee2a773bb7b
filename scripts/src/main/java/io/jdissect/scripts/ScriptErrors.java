package io.jdissect.scripts;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns what a script threw into one line: {@code name.js:LINE: message}. */
final class ScriptErrors {
    private ScriptErrors() { }

    /** Where the script was when {@code e} happened: its innermost script frame, or the exception's own location. */
    static String where(PolyglotException e, String scriptName) {
        SourceSection at = e.getSourceLocation();
        if (at == null) {
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                if (f.isGuestFrame() && f.getSourceLocation() != null) {
                    at = f.getSourceLocation();
                    break;
                }
            }
        }
        if (at == null || at.getSource() == null) return scriptName;
        return at.getSource().getName() + ":" + at.getStartLine();
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
