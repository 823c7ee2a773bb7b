package io.jdissect.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Supplies dissectors that are not Java classes (e.g. JavaScript files) found in the plugin folder.
 * Found through {@link java.util.ServiceLoader}; its dissectors join the others and are checked the same way,
 * so a provider adds sources of dissectors, never a second way to register fields.
 */
public interface DissectorProvider {
    /**
     * The dissectors this provider finds in {@code pluginDir} (an existing folder).
     *
     * @throws IllegalStateException when a plugin there is broken: like a bad field, it fails start-up loudly
     */
    List<Dissector> dissectors(Path pluginDir);
}
