package io.jdissect.query;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Absolute times as a query writes them: {@code 2026-11-26 04:58:10[.123456]} (or with {@code T}) in local time,
 * the same ending in {@code Z} or {@code +01:00} for UTC or an offset, a date alone (its midnight), tshark's
 * {@code Nov 26, 2026 04:58:10}, or a number of seconds since the epoch. The result is nanoseconds since the epoch.
 */
final class Times {
    private Times() { }

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd").optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm[:ss]").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().append(LOCAL)
            .appendOffset("+HH:MM", "Z").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TSHARK = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM d, uuuu HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ENGLISH);

    static long parse(String s) {
        String t = s.strip();
        try {
            if (t.matches("\\d+(\\.\\d+)?")) {
                java.math.BigDecimal secs = new java.math.BigDecimal(t);
                return secs.movePointRight(9).longValueExact();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) return nanos(OffsetDateTime.parse(t, OFFSET).toInstant());
            if (t.matches("\\d{4}-\\d\\d-\\d\\d")) return nanos(LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant());
            if (Character.isLetter(t.isEmpty() ? '0' : t.charAt(0))) return nanos(LocalDateTime.parse(t, TSHARK).atZone(ZoneId.systemDefault()).toInstant());
            return nanos(LocalDateTime.parse(t, LOCAL).atZone(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Literals.Invalid("'" + s + "' is not a time (write \"2026-11-26 04:58:10\" for local time, "
                    + "\"2026-11-26T04:58:10Z\" for UTC, or seconds since the epoch)");
        }
    }

    private static long nanos(java.time.Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }
}
