package io.jdissect.repl.session;

import io.jdissect.cli.CommonOptions;
import picocli.CommandLine;

/**
 * Makes the REPL's command objects: the command line's own classes, whose {@link CommonOptions} then know the
 * session (a command given no FILE uses the loaded capture), and the session's commands, made with it.
 */
public final class SessionFactory implements CommandLine.IFactory {
    private final Session session;

    public SessionFactory(Session session) { this.session = session; }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == CommonOptions.class) return cls.cast(new CommonOptions(session));
        try {
            var c = cls.getDeclaredConstructor(Session.class);
            return c.newInstance(session);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
