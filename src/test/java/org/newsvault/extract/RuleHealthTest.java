package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsvault.extract.Extraction.GENERIC_SHORT;
import static org.newsvault.extract.Extraction.NOTHING;
import static org.newsvault.extract.Extraction.SELECTOR_MATCHED;
import static org.newsvault.extract.Extraction.SELECTOR_MISSED;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsvault.extract.RuleHealth.Page;
import org.newsvault.extract.RuleHealth.State;
import org.newsvault.extract.RuleHealth.Verdict;

class RuleHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-30T14:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private final RuleHealth policy = new RuleHealth(20, 0.5, CLOCK);

    /** Pages one minute apart from T0, in the order given. */
    private static List<Page> pages(Object... runs) {
        List<Page> out = new ArrayList<>();
        for (int i = 0; i < runs.length; i += 2) {
            int n = (Integer) runs[i];
            for (int k = 0; k < n; k++) out.add(new Page(T0.plusSeconds(60L * out.size()), (Extraction) runs[i + 1]));
        }
        return out;
    }

    @Test
    void noPagesIsUnknownNotStale() {
        Verdict v = policy.judge(List.of(), null);
        assertThat(v.state()).isEqualTo(State.UNKNOWN);
        assertThat(v.stale()).isFalse();
        assertThat(v.asOf()).isEqualTo(CLOCK.instant());
        // a few bad first pages say nothing yet
        assertThat(policy.judge(pages(4, SELECTOR_MISSED), null).state()).isEqualTo(State.UNKNOWN);
        assertThat(policy.judge(pages(5, SELECTOR_MISSED), null).state()).isEqualTo(State.STALE);
    }

    @Test
    void goodPagesAreHealthy() {
        Verdict v = policy.judge(pages(20, SELECTOR_MATCHED), null);
        assertThat(v.state()).isEqualTo(State.HEALTHY);
        assertThat(v.bad()).isZero();
        assertThat(v.pages()).isEqualTo(20);
    }

    @Test
    void moreThanTheShareBadIsStaleSinceTheFirstBadPageOfTheRun() {
        // 30 good pages, then the site changes its markup: 14 of the last 20 miss the selector.
        List<Page> p = pages(30, SELECTOR_MATCHED, 14, SELECTOR_MISSED);
        Verdict v = policy.judge(p, null);
        assertThat(v.state()).isEqualTo(State.STALE);
        assertThat(v.since()).isEqualTo(p.get(30).at());
        assertThat(v.bad()).isEqualTo(14);
        assertThat(v.pages()).isEqualTo(20);
        assertThat(v.summary()).isEqualTo("14 of last 20 pages: selector matched nothing");
    }

    @Test
    void onlyTheWindowCounts() {
        // 15 bad pages long ago, then 20 good ones: the old ones are out of the window.
        assertThat(policy.judge(pages(15, SELECTOR_MISSED, 20, SELECTOR_MATCHED), null).state()).isEqualTo(State.HEALTHY);
        RuleHealth small = new RuleHealth(5, 0.5, CLOCK);
        assertThat(small.judge(pages(20, SELECTOR_MATCHED, 3, SELECTOR_MISSED), null).state()).isEqualTo(State.STALE);
        assertThat(small.judge(pages(20, SELECTOR_MATCHED, 2, SELECTOR_MISSED), null).state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void exactlyTheShareIsNotStaleYetButKeepsAStaleOutletStale() {
        List<Page> half = pages(10, SELECTOR_MATCHED, 10, GENERIC_SHORT);
        assertThat(policy.judge(half, null).state()).isEqualTo(State.HEALTHY);
        Instant since = T0.minusSeconds(3600);
        Verdict kept = policy.judge(half, since);
        assertThat(kept.state()).isEqualTo(State.STALE);
        assertThat(kept.since()).as("kept, not moved with the window").isEqualTo(since);
    }

    @Test
    void recoversWhenTheShareDropsBelow() {
        Instant since = T0;
        List<Page> fixing = pages(11, SELECTOR_MISSED, 9, SELECTOR_MATCHED);
        assertThat(policy.judge(fixing, since).state()).isEqualTo(State.STALE);
        List<Page> fixed = pages(9, SELECTOR_MISSED, 11, SELECTOR_MATCHED);
        Verdict v = policy.judge(fixed, since);
        assertThat(v.state()).isEqualTo(State.HEALTHY);
        assertThat(v.since()).isNull();
    }

    @Test
    void theRunMayCrossAGoodPageAndTheSummaryCountsEachCause() {
        List<Page> p = pages(12, SELECTOR_MATCHED, 3, SELECTOR_MISSED, 1, SELECTOR_MATCHED, 7, SELECTOR_MISSED, 2, NOTHING);
        Verdict v = policy.judge(p, null);
        assertThat(v.state()).isEqualTo(State.STALE);
        assertThat(v.since()).isEqualTo(p.get(12).at());
        assertThat(v.summary()).isEqualTo("12 of last 20 pages: selector matched nothing 10, no article body found 2");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new RuleHealth(0, 0.5, CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleHealth(20, 1.0, CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleHealth(20, 0, CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
