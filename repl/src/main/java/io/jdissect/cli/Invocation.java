package io.jdissect.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the process that asked for a command looks like, when that is not this JVM: the engine ({@code
 * io.jdissect.server}) runs each client's command on a thread of its own and sets this for it (and the threads it
 * starts). Commands read the working directory, the terminal's width and the environment here, never from the JVM.
 *
 * @param cwd     the caller's working directory
 * @param columns the width of the caller's terminal when standard output is one, else 0
 * @param env     the caller's environment, the variables the engine forwards
 */
public record Invocation(Path cwd, int columns, Map<String, String> env) {
    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    /** Runs {@code body} as the command of {@code inv}, on this thread. */
    public static <T> T as(Invocation inv, java.util.concurrent.Callable<T> body) throws Exception {
        CURRENT.set(inv);
        try {
            return body.call();
        } finally {
            CURRENT.remove();
        }
    }

    /** The caller's, or null in a command that runs in the JVM it was started in. */
    static Invocation current() {
        return CURRENT.get();
    }

    /** {@code name} as a path of the caller's: relative ones resolve against its working directory. */
    static Path path(String name) {
        Invocation inv = CURRENT.get();
        if (inv == null || name.equals("-")) return Path.of(name);
        return inv.cwd.resolve(name);
    }
}
