package org.newsvault.extract;

/** PLACEHOLDER until the extract branch lands. */
public final class FullText {
    public static boolean isTeaser(String html) {
        return org.jsoup.Jsoup.parse(html).text().length() < 200;
    }
}
