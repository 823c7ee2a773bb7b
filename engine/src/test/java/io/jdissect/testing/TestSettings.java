package io.jdissect.testing;

import io.jdissect.api.Settings;
import io.jdissect.pipeline.Config;

import java.util.Set;

/** The API's settings for an engine {@link Config}: tests that check engine internals keep one of each. */
public final class TestSettings {
    private TestSettings() { }

    public static Settings of(Config config) {
        return new Settings(config.prefs(), config.decodeAs(), Set.of());
    }
}
