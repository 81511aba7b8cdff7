package org.newsvault.sanitize;

/** Hostile bodies for the bounded-work tests of the sanitizer and the extractor. */
public final class HtmlBombs {
    private HtmlBombs() {}

    /** {@code n} nested {@code <tag>} around one word, closed again. */
    public static String nested(String tag, int n) {
        StringBuilder sb = new StringBuilder(n * (2 * tag.length() + 5) + 4);
        for (int i = 0; i < n; i++) sb.append('<').append(tag).append('>');
        sb.append("text");
        for (int i = 0; i < n; i++) sb.append("</").append(tag).append('>');
        return sb.toString();
    }

    /** {@code n} tables nested cell in cell, never closed. */
    public static String nestedTables(int n) {
        return "<table><tr><td>".repeat(n) + "text";
    }

    /** {@code n} lists nested item in item, never closed. */
    public static String nestedLists(int n) {
        return "<ul><li>".repeat(n) + "text";
    }

    /** Links that are never closed, each holding a block: the parser re-nests every one. */
    public static String misnestedLinks(int bytes) {
        String unit = "<a href=\"#\"><div>x";
        return unit.repeat(bytes / unit.length());
    }

    /** {@code n} sibling paragraphs of ordinary text: wide, not deep. */
    public static String paragraphs(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("<p>第").append(i).append("段，正文内容。Some words here.</p>");
        return sb.toString();
    }

    /** {@code n} empty sibling divs. */
    public static String emptyDivs(int n) {
        return "<div></div>".repeat(n);
    }
}
