package org.newsvault.store;

/**
 * The running daemon this command worked through stopped (or was killed) under it: every later statement fails
 * the same way, so a bulk command stops at the first one instead of failing each item for the same reason.
 */
public final class DaemonGoneException extends StoreException {
    public DaemonGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
