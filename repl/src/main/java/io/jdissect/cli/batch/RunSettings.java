package io.jdissect.cli.batch;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What a batch ran with: equal settings and an unchanged capture give the same outputs, which --resume relies on.
 *
 * @param jdissect     the program's version
 * @param script       the script's path
 * @param scriptSha256 the script's SHA-256
 * @param args         its arguments (--arg)
 * @param dissectors   the ids of the dissectors loaded (plugins included) and not disabled
 * @param prefs        preferences set (--pref), without the thread count, which never changes results
 * @param decodeAs     ports decoded as a protocol (--decode-as)
 */
public record RunSettings(String jdissect, String script, @JsonProperty("script_sha256") String scriptSha256,
                          List<String> args, List<String> dissectors, Map<String, Long> prefs,
                          @JsonProperty("decode_as") Map<Integer, String> decodeAs) {
    /** Whether outputs made with {@code other} are those these settings make (the script's path may differ). */
    boolean sameResults(RunSettings other) {
        return other != null && jdissect.equals(other.jdissect) && scriptSha256.equals(other.scriptSha256)
                && args.equals(other.args) && dissectors.equals(other.dissectors) && prefs.equals(other.prefs)
                && decodeAs.equals(other.decodeAs);
    }
}
