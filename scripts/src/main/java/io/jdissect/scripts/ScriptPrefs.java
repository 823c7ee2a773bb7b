package io.jdissect.scripts;

import io.jdissect.spi.PrefDef;
import io.jdissect.spi.PrefProvider;

import java.util.List;

/** The script host's limits, declared to the engine so that {@code --pref scripts.…} is checked like any other. */
public final class ScriptPrefs implements PrefProvider {
    @Override
    public List<PrefDef<?>> prefs() { return ScriptLimits.PREFS; }
}
