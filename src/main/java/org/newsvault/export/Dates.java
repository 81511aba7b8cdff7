package org.newsvault.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The {@code --since}/{@code --until} values of an export: a UTC day ({@code YYYY-MM-DD}) or an ISO-8601 instant. */
public final class Dates {
    private Dates() {}

    /** The first instant included: a day's start, or the instant itself. Null stays null. */
    public static Instant since(String value) {
        return value == null ? null : parse(value, "--since", false);
    }

    /** The first instant excluded: the day after a given day (so {@code --until 2024-06-20} includes the 20th), or the instant. */
    public static Instant until(String value) {
        return value == null ? null : parse(value, "--until", true);
    }

    private static Instant parse(String value, String option, boolean endOfDay) {
        String v = value.trim();
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not YYYY-MM-DD or an ISO instant such as 2024-06-20T12:00:00Z");
        }
    }
}
