package org.newsvault.render;

/** A file is not a valid article file; the message is one line naming the place and the cause. */
public final class ArticleFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArticleFormatException(String reason) {
        super(reason);
    }
}
