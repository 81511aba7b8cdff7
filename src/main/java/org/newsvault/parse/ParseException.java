package org.newsvault.parse;

/** The feed could not be read at all. The message is one line: what was wrong ("not a feed: HTML page"). */
public class ParseException extends Exception {
    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }

    public ParseException(String message) {
        super(message);
    }
}
