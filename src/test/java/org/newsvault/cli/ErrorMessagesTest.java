package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error line names its cause, not only the path it happened on. */
class ErrorMessagesTest {
    record Run(int code, String err) {}

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        Logging.closeFile();
    }

    Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        var e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return new Run(NewsvaultCommand.execute(args), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    Path config(String data) throws Exception {
        Path f = dir.resolve("newsvault.yaml");
        Files.writeString(f, "data: " + data + "\narchive: " + dir.resolve("archive") + "\noutlets:\n"
            + "  - id: a\n    feeds: [https://example.org/feed]\n");
        return f;
    }

    @Test
    void aMissingOpmlFileIsNamedWithItsReason() throws Exception {
        Path missing = dir.resolve("nosuch.opml");
        Run r = run("--config", config(dir.resolve("data").toString()).toString(), "opml", "import", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("newsvault: cannot read " + missing + ": no such file");
    }

    @Test
    void aDataPathThatIsAFileIsRefusedWithTheReason() throws Exception {
        Path data = Files.writeString(dir.resolve("data"), "not a directory");
        Run r = run("--config", config(data.toString()).toString(), "compact");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().findFirst().orElseThrow())
            .isEqualTo("newsvault: cannot lock " + data.resolve("newsvault.lock") + ": exists and is not a directory (" + data + ")");
    }

    @Test
    void anUnwritableDataDirSaysPermissionDenied() throws Exception {
        // root writes anywhere, so the refusal can only be seen as another user
        assumeTrue(!"root".equals(System.getProperty("user.name")), "running as root");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Run r = run("--config", config(data.toString()).toString(), "compact");
            assertThat(r.err()).startsWith("newsvault: cannot lock " + data.resolve("newsvault.lock") + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aBareFileSystemExceptionGetsItsCause() {
        assertThat(NewsvaultCommand.oneLine(new java.nio.file.NoSuchFileException("x.opml"))).isEqualTo("x.opml: no such file");
        assertThat(NewsvaultCommand.oneLine(new java.nio.file.AccessDeniedException("d"))).isEqualTo("d: permission denied");
    }
}
