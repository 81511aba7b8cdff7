package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.model.TempNames;

/** Several nodes on one archive: a recovery removes its own and dead nodes' temp files, never a live node's. */
class RecoveryNodesTest {
    @TempDir
    Path dir;

    @AfterEach
    void untag() {
        TempNames.tagWith(null);
    }

    @Test
    void recoveryLeavesAnotherLiveNodesTempFileAlone() throws Exception {
        TempNames.tagWith("beta");
        Path live = Files.writeString(dir.resolve(".a.md" + TempNames.suffix("1f2e")), "beta writes this now");
        TempNames.tagWith("gamma");
        Path dead = Files.writeString(dir.resolve(".b.md" + TempNames.suffix("3c4d")), "gamma died writing this");
        TempNames.tagWith("alpha");
        Path mine = Files.writeString(dir.resolve(".c.md" + TempNames.suffix("5e6f")), "our own, from before a kill");
        Path legacy = Files.writeString(dir.resolve(".d.md.tmp-0123abcd"), "no node named: anyone's");
        Path article = Files.writeString(dir.resolve("e.md"), "a finished file");
        assertThat(TempNames.node(live)).contains("beta");
        assertThat(TempNames.node(legacy)).isEmpty();

        Set<String> alive = Set.of("alpha", "beta");
        var scope = new TempNames.Leftovers(n -> n.equals("alpha") || !alive.contains(n), Instant.EPOCH);
        Recovery.deleteTemps(dir, scope);
        assertThat(live).exists();
        assertThat(dead).doesNotExist();
        assertThat(mine).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(article).exists();

        // Alone (no scope): every temp file is a leftover, as before several nodes.
        Recovery.deleteTemps(dir);
        assertThat(live).doesNotExist();
    }

    @Test
    void aRowCommittedAMomentAgoIsLeftToTheNodeWritingItsFile() {
        var scope = new TempNames.Leftovers(n -> true, Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(scope.mayFinish(Instant.parse("2026-12-01T09:59:00Z"))).isTrue();
        assertThat(scope.mayFinish(Instant.parse("2026-12-01T10:00:10Z"))).isFalse();
        assertThat(TempNames.Leftovers.ALL.mayFinish(Instant.parse("2026-12-01T10:00:10Z"))).isTrue();
    }
}
