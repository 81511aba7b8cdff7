package org.newsvault.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsvault.model.ArticleStatus;
import org.newsvault.watch.StatusPolicy.Observation;

class StatusPolicyTest {
    static final Instant AT = Instant.parse("2024-06-21T00:00:00Z");

    @ParameterizedTest(name = "{0} misses={1} failures={2} revisions={3} + {4} → {5} misses={6} failures={7} event={8}")
    @CsvSource({
        // status,    misses, failures, revisions, seen,     → status,     misses, failures, event
        "LIVE,        0, 0, false, PRESENT,   LIVE,        0, 0, ",
        "EDITED,      0, 2, true,  PRESENT,   EDITED,      0, 0, ",
        "LIVE,        0, 0, false, MISSING,   LIVE,        1, 0, ",            // one 404 is not a deletion
        "LIVE,        1, 0, false, MISSING,   DELETED,     2, 0, deleted",     // the second one is
        "EDITED,      1, 2, true,  MISSING,   DELETED,     2, 0, deleted",
        "DELETED,     2, 0, false, MISSING,   DELETED,     3, 0, ",            // recorded once
        "LIVE,        1, 0, false, NO_ANSWER, LIVE,        1, 1, ",            // an outage does not break a run of misses
        "LIVE,        0, 1, false, NO_ANSWER, LIVE,        0, 2, ",
        "LIVE,        0, 2, false, NO_ANSWER, UNREACHABLE, 0, 3, unreachable",
        "UNREACHABLE, 0, 3, false, NO_ANSWER, UNREACHABLE, 0, 4, ",
        "DELETED,     2, 0, false, NO_ANSWER, DELETED,     2, 1, ",            // an outage never undoes a deletion
        "DELETED,     2, 0, false, PRESENT,   LIVE,        0, 0, live",        // it came back
        "DELETED,     2, 0, true,  PRESENT,   EDITED,      0, 0, edited",
        "UNREACHABLE, 0, 5, false, PRESENT,   LIVE,        0, 0, live",
    })
    void statusFollowsConsecutiveChecks(ArticleStatus status, int misses, int failures, boolean revisions,
                                        Observation seen, ArticleStatus expected, int expMisses, int expFailures,
                                        String event) {
        var next = StatusPolicy.apply(new StatusPolicy.State(status, misses, failures, revisions), seen,
            new Evidence(404, "https://x.test/a/1", "not found: HTTP 404"), 2, 7, AT);
        assertThat(next.status()).isEqualTo(expected);
        assertThat(next.misses()).isEqualTo(expMisses);
        assertThat(next.failures()).isEqualTo(expFailures);
        if (event == null) {
            assertThat(next.event()).isNull();
        } else {
            assertThat(next.event().status()).isEqualTo(event);
            assertThat(next.event().articleId()).isEqualTo(7);
            assertThat(next.event().at()).isEqualTo(AT);
            assertThat(next.event().httpStatus()).isEqualTo(404);
            assertThat(next.event().finalUrl()).isEqualTo("https://x.test/a/1");
        }
    }
}
