package org.newsvault.search;

/** The index failed (I/O, unreadable, locked): the message names the cause in words. */
public class SearchException extends RuntimeException {
    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
