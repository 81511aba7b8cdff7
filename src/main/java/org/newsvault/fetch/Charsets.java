package org.newsvault.fetch;

/** PLACEHOLDER until the fetch branch lands. */
public final class Charsets {
    public static String decodeHtml(byte[] body, String contentType) {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
