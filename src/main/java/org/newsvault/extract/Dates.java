package org.newsvault.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/** Lenient parsing of the date formats pages put in metadata; null when none fits. */
final class Dates {
    private static final List<DateTimeFormatter> OFFSET = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS][XX][XXX]").toFormatter(),
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm[:ss][XX][XXX]").toFormatter());
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            local("yyyy-MM-dd HH:mm[:ss][.SSS]"), local("yyyy/MM/dd HH:mm[:ss]"), local("yyyy/M/d HH:mm[:ss]"),
            local("yyyy-M-d HH:mm[:ss]"), local("yyyy年M月d日 HH:mm[:ss]"), local("yyyy年M月d日HH:mm[:ss]"));
    private static final List<DateTimeFormatter> DATE = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("yyyy/M/d"),
            DateTimeFormatter.ofPattern("yyyy-M-d"), DateTimeFormatter.ofPattern("yyyy年M月d日"),
            DateTimeFormatter.BASIC_ISO_DATE);

    private Dates() {}

    private static DateTimeFormatter local(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).toFormatter();
    }

    static Instant parse(String raw, ZoneId zone) {
        if (raw == null) return null;
        String s = raw.trim();
        if (s.isEmpty() || s.length() > 64) return null;
        if (s.endsWith("Z") || s.endsWith("z")) {
            try {
                return Instant.parse(s.substring(0, s.length() - 1) + "Z");
            } catch (DateTimeParseException ignored) {
                // fall through to the other forms
            }
        }
        for (DateTimeFormatter f : OFFSET) {
            try {
                return OffsetDateTime.parse(s, f).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        for (DateTimeFormatter f : DATE) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return null;
    }
}
