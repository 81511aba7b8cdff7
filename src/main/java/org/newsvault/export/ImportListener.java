package org.newsvault.export;

import java.nio.file.Path;

/** Hears how an import goes. Called from several threads at once: implementations must be thread-safe. */
public interface ImportListener {
    /** Once, before the first file, with the number of files that will be read. */
    default void started(int files) {}

    /**
     * Once per file. {@code reason} is a one-line cause for SKIPPED and FAILED, else null. Files a stopped import
     * left alone are not reported: {@link ImportSummary#left} counts them.
     */
    void finished(Path file, ImportOutcome outcome, String reason);
}
