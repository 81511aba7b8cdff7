package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedListingTest {
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // newest first: new items on top, the oldest scroll off the bottom
        "e d c b a|f e d c b|''",
        "e d c b a|g f e d c|''",
        // oldest first: the oldest scroll off the top
        "a b c d e|b c d e f|''",
        // taken out of the middle
        "e d c b a|f e c b a|d",
        "e d c b a|e a|d c b",
        "a b c d e|b d f|c",
        // nothing survives, or nothing was listed before: no evidence either way
        "a b c|x y z|''",
        "''|a b c|''",
        // order changed but everything still listed
        "a b c|c b a|''",
    })
    void vanishedOnlyFromBetweenSurvivors(String before, String now, String vanished) {
        assertThat(FeedListing.vanished(words(before), words(now))).isEqualTo(words(vanished));
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split(" "));
    }
}
