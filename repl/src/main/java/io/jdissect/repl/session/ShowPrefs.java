package io.jdissect.repl.session;

import io.jdissect.output.OutputFormat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the REPL shows results, as {@code set} changes them (the engine's limits and preferences are set the same way
 * but live in {@link io.jdissect.api.Settings}).
 *
 * @param displayRows at most this many rows of a query are shown (at least 1)
 * @param format      the output format of queries
 * @param pager       whether output longer than the screen goes through a pager
 * @param vertical    one field per line instead of a table
 */
public record ShowPrefs(long displayRows, OutputFormat format, boolean pager, boolean vertical) {
    public static final ShowPrefs DEFAULTS = new ShowPrefs(200, OutputFormat.table, true, false);

    /** The names {@code set} takes, with the values each takes. */
    public static final Map<String, List<String>> NAMES = Map.of(
            "display_rows", List.of("50", "200", "1000"),
            "format", java.util.Arrays.stream(OutputFormat.values()).map(Enum::name).toList(),
            "pager", List.of("on", "off"),
            "layout", List.of("table", "vertical"));

    public ShowPrefs {
        if (displayRows < 1) throw new IllegalArgumentException("display_rows takes a number of at least 1; got " + displayRows);
    }

    /** This with {@code name} set to {@code value}; throws IllegalArgumentException with what is wrong. */
    public ShowPrefs with(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "display_rows" -> {
                if (!v.matches("-?\\d{1,18}")) throw new IllegalArgumentException("display_rows takes a number, not '" + value + "'");
                yield new ShowPrefs(Long.parseLong(v), format, pager, vertical);
            }
            case "format" -> {
                try {
                    yield new ShowPrefs(displayRows, OutputFormat.valueOf(v), pager, vertical);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("format takes " + String.join(", ", NAMES.get("format")) + "; not '" + value + "'");
                }
            }
            case "pager" -> switch (v) {
                case "on", "1", "true" -> new ShowPrefs(displayRows, format, true, vertical);
                case "off", "0", "false" -> new ShowPrefs(displayRows, format, false, vertical);
                default -> throw new IllegalArgumentException("pager takes on or off, not '" + value + "'");
            };
            case "layout" -> switch (v) {
                case "table" -> new ShowPrefs(displayRows, format, pager, false);
                case "vertical" -> new ShowPrefs(displayRows, format, pager, true);
                default -> throw new IllegalArgumentException("layout takes table or vertical, not '" + value + "'");
            };
            default -> throw new IllegalArgumentException("no setting '" + name + "'");
        };
    }

    /** The current value of {@code name}, as {@code set} shows it. */
    public String value(String name) {
        return switch (name) {
            case "display_rows" -> Long.toString(displayRows);
            case "format" -> format.name();
            case "pager" -> pager ? "on" : "off";
            case "layout" -> vertical ? "vertical" : "table";
            default -> null;
        };
    }
}
