package io.jdissect.spi;

import java.util.List;

/**
 * Preferences of a module that is not a dissector (the script host, say), found through
 * {@link java.util.ServiceLoader} so that {@code --pref} knows and checks them like every other.
 */
public interface PrefProvider {
    List<PrefDef<?>> prefs();
}
