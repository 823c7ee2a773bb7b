package io.jdissect.repl;

import java.util.List;

/** Lets tests in other packages drive a REPL process like {@link ReplTest} does. */
public final class ReplTestAccess {
    private ReplTestAccess() { }

    public static String session(List<String> args, String input) throws Exception {
        return ReplTest.session(args, input);
    }
}
