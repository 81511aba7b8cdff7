package org.newsvault.render;

/** PLACEHOLDER until the render branch lands: a file that is not in the article format (one-line reason). */
public class ArticleFormatException extends Exception {
    public ArticleFormatException(String message) {
        super(message);
    }
}
