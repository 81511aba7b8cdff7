package org.newsvault.model;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** An I/O failure's cause in words: a {@link FileSystemException}'s message is often the bare path, which says nothing. */
public final class IoReasons {
    private IoReasons() {}

    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof FileSystemException || e.getMessage() == null) return e.getClass().getSimpleName();
        return e.getMessage();
    }
}
