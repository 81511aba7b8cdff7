package org.newsvault.render;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** PLACEHOLDER until the render branch lands. */
public final class ArticleFileReader {
    public static ArticleFile read(byte[] bytes) throws ArticleFormatException {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!s.endsWith("\n")) throw new ArticleFormatException("no final LF");
        s = s.substring(0, s.length() - 1);
        Variant v = Variant.PLAIN;
        String fm = null;
        if (s.startsWith("---\n")) {
            int end = s.indexOf("\n---\n", 4);
            if (end < 0) throw new ArticleFormatException("unterminated front matter");
            fm = s.substring(4, end);
            s = s.substring(end + 5);
            v = Variant.JEKYLL;
        }
        String[] parts = s.split("\n", 5);
        if (parts.length < 5 || !parts[0].startsWith("<!--") || !parts[2].equals("------")) throw new ArticleFormatException("bad header");
        String stamp = parts[0].substring(4, parts[0].length() - 3);
        int i = parts[1].lastIndexOf("](");
        return new ArticleFile(v, fm, stamp, parts[1].substring(1, i), parts[1].substring(i + 2, parts[1].length() - 1), parts[4]);
    }

    public static Map<String, String> frontMatterValues(String frontMatter) {
        Map<String, String> m = new LinkedHashMap<>();
        if (frontMatter == null) return m;
        for (String line : frontMatter.split("\n")) {
            int i = line.indexOf(": ");
            if (i > 0) m.put(line.substring(0, i), line.substring(i + 2));
        }
        return m;
    }
}
