package org.newsvault.search;

/** The user's query cannot be run (too long, too many words, nothing to search for, unbalanced quote). */
public final class InvalidQueryException extends SearchException {
    public InvalidQueryException(String message) {
        super(message);
    }
}
