package io.jdissect.scripts;

import io.jdissect.spi.PrefDef;
import io.jdissect.spi.PrefProvider;

import java.util.List;

/** The script host's limits, declared to the engine so that {@code --pref scripts.…} is checked like any other. */
public final class ScriptPrefs implements PrefProvider {
    @Override
    public List<PrefDef> prefs() {
        ScriptLimits d = ScriptLimits.DEFAULTS;
        return List.of(
                PrefDef.longLimit(ScriptLimits.MAX_STATEMENTS, d.maxStatements(), "JavaScript statements a batch script may run"),
                PrefDef.longLimit(ScriptLimits.TIMEOUT, d.timeoutMillis(), "milliseconds a batch script may take"),
                PrefDef.longLimit(ScriptLimits.MAX_OUTPUT, d.maxOutputBytes(), "bytes a script may print"),
                PrefDef.longLimit(ScriptLimits.MAX_QUERY_ROWS, d.maxQueryRows(), "rows capture.query returns to a script"),
                PrefDef.longLimit(ScriptLimits.MAX_FOLLOW, d.maxFollowBytes(), "bytes capture.follow returns to a script"),
                PrefDef.longLimit(ScriptLimits.CALLBACK_STATEMENTS, d.callbackStatements(), "statements one call into a JavaScript dissector may run"));
    }
}
