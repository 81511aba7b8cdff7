package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several nodes on one data directory: a lock per node, never two processes under one name. */
class DataLockNodesTest {
    @TempDir
    Path data;

    @Test
    void twoNodesLockSideBySideButOneNameOnce() {
        try (DataLock alpha = DataLock.tryAcquireNode(data, "alpha", "run").orElseThrow();
             DataLock beta = DataLock.tryAcquireNode(data, "beta", "run").orElseThrow()) {
            assertThat(data.resolve("newsvault-alpha.lock")).exists();
            assertThat(DataLock.tryAcquireNode(data, "alpha", "run")).isEmpty();
            assertThat(DataLock.nodeHolder(data, "alpha").pid()).isEqualTo(ProcessHandle.current().pid());
            // The single-process lock is another file: an offline command is not blocked by the nodes' locks.
            assertThat(DataLock.holder(data).pid()).isZero();
        }
        assertThat(DataLock.tryAcquireNode(data, "alpha", "run")).hasValueSatisfying(DataLock::close);
    }

    @Test
    void aCoordinatedAccessUnderATakenNameIsRefusedWithOneLine() {
        try (DataLock held = DataLock.tryAcquireNode(data, "alpha", "run").orElseThrow()) {
            assertThatThrownBy(() -> ArchiveAccess.coordinated(data, "alpha", "run", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("node alpha already runs on")
                .hasMessageNotContaining("\n");
        }
    }
}
