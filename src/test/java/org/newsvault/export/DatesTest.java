package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
    @ParameterizedTest
    @CsvSource({
        "2024-06-20, 2024-06-20T00:00:00Z, 2024-06-21T00:00:00Z",
        "2024-06-20T12:11:16Z, 2024-06-20T12:11:16Z, 2024-06-20T12:11:16Z",
        "2024-06-20T20:11:16+08:00, 2024-06-20T12:11:16Z, 2024-06-20T12:11:16Z",
        "' 2024-02-29 ', 2024-02-29T00:00:00Z, 2024-03-01T00:00:00Z"})
    void daysAreUtcAndUntilIncludesItsDay(String value, String since, String until) {
        assertThat(Dates.since(value)).hasToString(since);
        assertThat(Dates.until(value)).hasToString(until);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-6-20", "2024-02-30", "20240620", ""})
    void otherTextIsAOneLineError(String value) {
        assertThatThrownBy(() -> Dates.since(value)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--since: '" + value + "' is not YYYY-MM-DD or an ISO instant");
    }

    @Test
    void absentIsNull() {
        assertThat(Dates.since(null)).isNull();
        assertThat(Dates.until(null)).isNull();
    }
}
