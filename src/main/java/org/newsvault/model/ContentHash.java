package org.newsvault.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The one definition of "same article text" used for dedupe and for revision detection.
 *
 * <p>Normalisation: the HTML is reduced to its visible text (jsoup {@code text()}: tags dropped,
 * entities decoded), every run of Unicode whitespace (including U+3000 and U+00A0) becomes one
 * space, and the result is trimmed. The hash is the lower-case hex SHA-256 of that text in UTF-8.
 * Markup-only differences (attribute order, image proxies, tracking parameters in links) therefore
 * never make two copies of a story look different.
 *
 * <p>{@link #ofTree} is the same hash of a body already parsed (the poll's sanitized tree): the text of a tree
 * and the text of its serialization parsed again are the same (ContentHashTreeTest checks it over every corpus
 * page and seed), so a body hashes alike whichever way it arrives.
 */
public final class ContentHash {
    private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+");

    private ContentHash() {}

    public static String ofHtml(String html) {
        return sha256Hex(normalizedText(html == null ? "" : Jsoup.parseBodyFragment(html).text()));
    }

    /** The hash of the body whose nodes are {@code body}'s children (for a document, pass its body). */
    public static String ofTree(Element body) {
        return sha256Hex(normalizedText(body == null ? "" : body.text()));
    }

    public static String normalizedText(String text) {
        return SPACE.matcher(text).replaceAll(" ").trim();
    }

    public static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
