package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database file deleted or replaced under a running store: writes fail, and {@link Database#problem} says why. */
class DatabaseFileTest {
    @TempDir Path data;

    @Test
    void aDeletedFileFailsEveryWriteWithItsName() throws Exception {
        try (Database db = Database.open(data)) {
            insertOutlet(db, "before");
            assertThat(db.problem()).isEmpty();

            Files.delete(data.resolve("newsvault.mv.db"));

            assertThat(db.problem()).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("database file " + data.resolve("newsvault.mv.db") + " was deleted or replaced"));
            assertThatThrownBy(() -> insertOutlet(db, "after")).isInstanceOf(StoreException.class)
                .hasMessage("database: database file " + data.resolve("newsvault.mv.db") + " was deleted or replaced");
            assertThatThrownBy(() -> db.read(c -> c.createStatement().executeUpdate(
                "INSERT INTO outlet(id, name, created_at) VALUES ('auto', 'A', CURRENT_TIMESTAMP)")))
                .hasMessageContaining("was deleted or replaced");
            assertThat(db.writable()).isFalse();
        }
    }

    @Test
    void aFileRenamedOverTheOpenOneIsNotTheOneOpened() throws Exception {
        try (Database db = Database.open(data)) {
            insertOutlet(db, "rfa");
            Path copy = data.resolve("copy.mv.db");
            Files.copy(data.resolve("newsvault.mv.db"), copy);
            Files.move(copy, data.resolve("newsvault.mv.db"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            assertThat(db.problem()).hasValueSatisfying(p -> assertThat(p).endsWith("was deleted or replaced"));
            assertThatThrownBy(() -> insertOutlet(db, "dw")).hasMessageContaining("was deleted or replaced");
        }
    }

    @Test
    void aCommitAfterTheFileIsGoneIsRolledBackNotLost() throws Exception {
        try (Database db = Database.open(data)) {
            assertThatThrownBy(() -> db.inTransaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO outlet(id, name, created_at) VALUES ('x', 'X', CURRENT_TIMESTAMP)");
                // the file disappears while the transaction is open: the commit itself must refuse
                try {
                    Files.delete(data.resolve("newsvault.mv.db"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            })).hasMessageContaining("was deleted or replaced");
        }
    }

    @Test
    void anIntactFileHasNoProblem() {
        try (Database db = Database.open(data)) {
            for (int i = 0; i < 3; i++) insertOutlet(db, "o" + i);
            assertThat(db.problem()).isEmpty();
            assertThat(db.writable()).isTrue();
        }
        try (Database db = Database.open(data)) {
            assertThat(db.problem()).isEmpty();
        }
    }

    private static void insertOutlet(Database db, String id) {
        db.inTransaction(c -> c.createStatement().executeUpdate(
            "INSERT INTO outlet(id, name, created_at) VALUES ('" + id + "', 'N', CURRENT_TIMESTAMP)"));
    }
}
