package org.newsvault.render;

/** The two shapes of article file in FORMAT.md. */
public enum Variant {
    /** Variant B: Jekyll front matter, 17 lines. The default for new articles. */
    JEKYLL,
    /** Variant A: stamp, title line, rule, blank, body; 5 lines. */
    PLAIN;

    public static Variant parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "jekyll" -> JEKYLL;
            case "plain" -> PLAIN;
            default -> throw new IllegalArgumentException("format must be jekyll or plain, not '" + s + "'");
        };
    }
}
