package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionOutcomesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T14:00:00Z");
    @TempDir Path data;

    @Test
    void recordsInOrderAndKeepsOnlyTheNewestPerOutlet() {
        try (Database db = Database.open(data)) {
            var store = new ExtractionOutcomes(db);
            for (int i = 0; i < 12; i++) {
                store.record("cdt", "https://cdt.example/" + i, i < 6 ? "selector_matched" : "selector_missed",
                    T0.plusSeconds(i), 8);
            }
            store.record("dw", "https://dw.example/1", "generic", T0, 8);
            var cdt = store.recent("cdt", 100);
            assertThat(cdt).hasSize(8);
            assertThat(cdt.get(0).at()).isEqualTo(T0.plusSeconds(4));
            assertThat(cdt.get(7)).isEqualTo(new ExtractionOutcomes.Outcome(T0.plusSeconds(11), "selector_missed"));
            assertThat(store.recent("cdt", 3)).extracting(ExtractionOutcomes.Outcome::at)
                .containsExactly(T0.plusSeconds(9), T0.plusSeconds(10), T0.plusSeconds(11));
            assertThat(store.recent("dw", 20)).hasSize(1);
            assertThat(store.recent("none", 20)).isEmpty();
            assertThat(store.outlets()).containsExactly("cdt", "dw");
            assertThat(count(db, "SELECT COUNT(*) FROM extraction_outcome")).isEqualTo(9);
            // keep 0: not pruned this time; the next pruning write cuts back to its keep
            for (int i = 0; i < 5; i++) store.record("dw", "https://dw.example/n" + i, "generic", T0.plusSeconds(i), 0);
            assertThat(store.recent("dw", 100)).hasSize(6);
            store.record("dw", "https://dw.example/last", "generic", T0.plusSeconds(9), 3);
            assertThat(store.recent("dw", 100)).hasSize(3);
            assertThat(store.recent("cdt", 100)).hasSize(8);
        }
    }

    @Test
    void aVeryLongUrlIsCutToItsColumn() {
        try (Database db = Database.open(data)) {
            var store = new ExtractionOutcomes(db);
            store.record("cdt", "https://cdt.example/" + "x".repeat(10_000), "nothing", T0, 20);
            assertThat(store.recent("cdt", 20)).hasSize(1);
        }
    }

    @Test
    void keptVerdictIsInsertedUpdatedAndSurvivesAReopen() {
        try (Database db = Database.open(data)) {
            var store = new ExtractionOutcomes(db);
            assertThat(store.kept()).isEmpty();
            store.keep("cdt", T0, "14 of last 20 pages: selector matched nothing", T0.plusSeconds(60));
        }
        try (Database db = Database.open(data)) {
            var store = new ExtractionOutcomes(db);
            assertThat(store.kept().get("cdt")).isEqualTo(new ExtractionOutcomes.Kept("cdt", T0,
                "14 of last 20 pages: selector matched nothing", T0.plusSeconds(60)));
            store.keep("cdt", null, "2 of last 20 pages: selector matched nothing", T0.plusSeconds(120));
            assertThat(store.kept().get("cdt").staleSince()).isNull();
            assertThat(store.kept()).hasSize(1);
        }
    }

    private static long count(Database db, String sql) {
        return db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
