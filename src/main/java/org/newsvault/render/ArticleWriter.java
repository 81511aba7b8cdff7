package org.newsvault.render;

import java.nio.file.Files;
import java.nio.file.Path;

/** PLACEHOLDER until the render branch lands. */
public final class ArticleWriter {
    public static byte[] render(ArticleFile f) {
        String s = (f.variant() == Variant.JEKYLL ? "---\n" + f.frontMatter() + "\n---\n" : "") + "<!--" + f.stamp() + "-->\n["
            + f.title() + "](" + f.url() + ")\n------\n\n" + f.body() + "\n";
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void writeAtomically(Path target, ArticleFile f) throws java.io.IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-1");
        Files.write(tmp, render(f));
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
