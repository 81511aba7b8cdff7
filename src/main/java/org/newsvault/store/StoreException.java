package org.newsvault.store;

/** A database failure. Unchecked: a broken store is not something a stage can work around. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
